package org.incidentworkbench.app.format;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.probe.ProbeResult;

/**
 * One line per probe result for the CLI's triage table (and the window's tab titles): what the probe
 * found, in a few numbers, or why there is nothing. It reads the parsed record through the same JSON
 * that {@code workbench triage --json} prints (docs/triage-json.md), so the line and the JSON can never
 * disagree, and a parser that gains fields needs no change here. A probe this class has no template
 * for gets a generic line (how many entries each list holds). Stateless.
 */
public final class ProbeSummary {

    private ProbeSummary() {
    }

    public static String of(ProbeResult result) {
        if (result instanceof ProbeResult.TimedOut t) {
            return "timed out after " + Durations.human(t.limit()) + (t.raw().isEmpty() ? "" : " (" + lines(t.raw()) + " lines arrived)");
        }
        if (result instanceof ProbeResult.CommandFailed f) {
            return "failed: " + f.message();
        }
        if (result instanceof ProbeResult.ParseFailed f) {
            return "not parsed (" + f.reason() + "); " + lines(f.raw()) + " lines of raw text kept";
        }
        ProbeResult.Parsed p = (ProbeResult.Parsed) result;
        JsonNode data = Json.mapper().valueToTree(p.data());
        String line;
        try {
            line = switch (p.probe()) {
                case "w" -> w(data);
                case "uptime" -> uptime(data);
                case "ps" -> ps(data);
                case "df" -> df(data);
                case "top" -> top(data);
                case "iostat" -> iostat(data);
                case "kernel" -> p.data() instanceof org.incidentworkbench.parse.KernelReport k ? ChecklistSummary.kernel(k) : generic(data);
                case "systemd" -> p.data() instanceof org.incidentworkbench.parse.SystemdReport s ? ChecklistSummary.systemd(s) : generic(data);
                default -> generic(data);
            };
        } catch (RuntimeException e) {
            line = generic(data);
        }
        List<String> extra = new ArrayList<>();
        if (!p.notes().isEmpty()) {
            extra.add(String.join("; ", p.notes()));
        }
        if (!p.warnings().isEmpty()) {
            extra.add(p.warnings().size() + " parser warning" + (p.warnings().size() == 1 ? "" : "s"));
        }
        return extra.isEmpty() ? line : line + " [" + String.join("; ", extra) + "]";
    }

    private static String w(JsonNode d) {
        JsonNode sessions = d.path("sessions");
        if (sessions.isEmpty()) {
            return "nobody logged in";
        }
        String who = stream(sessions).limit(4)
                .map(s -> s.path("user").asText() + " on " + s.path("tty").asText()
                        + (text(s, "from").isEmpty() ? "" : " from " + text(s, "from")))
                .collect(Collectors.joining(", "));
        return sessions.size() + " session" + (sessions.size() == 1 ? "" : "s") + ": " + who + (sessions.size() > 4 ? ", ..." : "");
    }

    private static String uptime(JsonNode d) {
        List<String> parts = new ArrayList<>();
        if (d.path("uptimeSeconds").isNumber()) {
            parts.add("up " + Durations.ofSeconds(d.path("uptimeSeconds").asLong()));
        }
        if (d.path("load1").isNumber()) {
            parts.add(String.format(Locale.ROOT, "load %.2f %.2f %.2f", d.path("load1").asDouble(),
                    d.path("load5").asDouble(), d.path("load15").asDouble())
                    + (d.path("cpuCores").isNumber() ? " on " + d.path("cpuCores").asInt() + " cores" : ""));
        }
        if (d.path("users").isNumber()) {
            parts.add(d.path("users").asInt() + " user" + (d.path("users").asInt() == 1 ? "" : "s"));
        }
        return parts.isEmpty() ? generic(d) : String.join(", ", parts);
    }

    private static String ps(JsonNode d) {
        List<JsonNode> rows = stream(d.path("processes")).toList();
        boolean threads = d.path("threads").asBoolean(false);
        // a thread listing's threads share their process's RSS and state: count and rank processes once
        List<JsonNode> procs = threads ? firstPerPid(rows) : rows;
        List<String> parts = new ArrayList<>();
        parts.add(procs.size() + " process" + (procs.size() == 1 ? "" : "es")
                + (threads ? " (" + rows.size() + " thread" + (rows.size() == 1 ? "" : "s") + ")" : ""));
        // a column the listing does not have (ps -ef has no RSS) is left out, never shown as 0
        String topCpu = (threads ? rows : procs).stream().filter(n -> n.path("cpuPercent").isNumber())
                .sorted(Comparator.comparingDouble((JsonNode n) -> -n.path("cpuPercent").asDouble())).limit(3)
                .map(n -> name(n) + " " + Percent.of(n.path("cpuPercent").asDouble())).collect(Collectors.joining(", "));
        if (!topCpu.isEmpty()) {
            parts.add("CPU: " + topCpu);
        }
        String topRss = procs.stream().filter(n -> n.path("rssBytes").isNumber())
                .sorted(Comparator.comparingLong((JsonNode n) -> -n.path("rssBytes").asLong())).limit(3)
                .map(n -> name(n) + " " + Bytes.human(n.path("rssBytes").asLong())).collect(Collectors.joining(", "));
        if (!topRss.isEmpty()) {
            parts.add("RSS: " + topRss);
        }
        long zombies = procs.stream().filter(n -> text(n, "state").startsWith("Z")).count();
        long blocked = procs.stream().filter(n -> text(n, "state").startsWith("D")).count();
        return String.join("; ", parts)
                + (zombies > 0 ? "; " + zombies + " zombie" : "") + (blocked > 0 ? "; " + blocked + " in D state" : "");
    }

    private static List<JsonNode> firstPerPid(List<JsonNode> rows) {
        java.util.Map<Long, JsonNode> first = new java.util.LinkedHashMap<>();
        rows.forEach(n -> first.putIfAbsent(n.path("pid").asLong(), n));
        return List.copyOf(first.values());
    }

    private static String df(JsonNode d) {
        List<JsonNode> fs = stream(d.path("filesystems")).toList();
        String fullest = fs.stream().filter(n -> n.path("usedPercent").isNumber())
                .sorted(Comparator.comparingInt((JsonNode n) -> -n.path("usedPercent").asInt())).limit(3)
                .map(n -> n.path("mountedOn").asText() + " " + Percent.of(n.path("usedPercent").asDouble())
                        + (n.path("availableBytes").isNumber() ? " (" + Bytes.human(n.path("availableBytes").asLong()) + " free)" : ""))
                .collect(Collectors.joining(", "));
        String inodes = fs.stream().filter(n -> n.path("inodesUsedPercent").isNumber())
                .max(Comparator.comparingInt(n -> n.path("inodesUsedPercent").asInt()))
                .map(n -> "; inodes: " + n.path("mountedOn").asText() + " " + Percent.of(n.path("inodesUsedPercent").asDouble()))
                .orElse("");
        return fs.size() + " filesystems; fullest: " + fullest + inodes;
    }

    private static String top(JsonNode d) {
        List<String> parts = new ArrayList<>();
        JsonNode cpu = d.path("cpu");
        if (cpu.isObject()) {
            parts.add("cpu us " + pct(cpu, "userPercent") + " sy " + pct(cpu, "systemPercent") + " wa "
                    + pct(cpu, "iowaitPercent") + " st " + pct(cpu, "stealPercent") + " id " + pct(cpu, "idlePercent"));
        }
        JsonNode mem = d.path("memory");
        if (mem.isObject() && mem.path("totalBytes").isNumber()) {
            String avail = mem.path("availableBytes").isNumber() ? Bytes.human(mem.path("availableBytes").asLong()) + " available of "
                    : "";
            parts.add("mem " + avail + Bytes.human(mem.path("totalBytes").asLong())
                    + (mem.path("swapUsedBytes").isNumber() ? ", swap used " + Bytes.human(mem.path("swapUsedBytes").asLong()) : ""));
        }
        JsonNode tasks = d.path("tasks");
        if (tasks.isObject() && tasks.path("total").isNumber()) {
            parts.add(tasks.path("total").asInt() + " tasks (" + tasks.path("running").asInt() + " running, "
                    + tasks.path("zombie").asInt() + " zombie)");
        }
        return parts.isEmpty() ? generic(d) : String.join("; ", parts);
    }

    private static String iostat(JsonNode d) {
        List<JsonNode> devices = stream(d.path("devices")).toList();
        String busiest = devices.stream().sorted(Comparator.comparingDouble((JsonNode n) -> -n.path("utilPercent").asDouble())).limit(2)
                .map(n -> n.path("name").asText() + " " + pct(n, "utilPercent") + " util"
                        + (n.path("awaitMillis").isNumber() ? String.format(Locale.ROOT, ", await %.1f ms", n.path("awaitMillis").asDouble()) : "")
                        + ", r " + Bytes.perSecond(n.path("readBytesPerSecond").asDouble())
                        + " w " + Bytes.perSecond(n.path("writeBytesPerSecond").asDouble()))
                .collect(Collectors.joining("; "));
        return devices.size() + " devices" + (busiest.isEmpty() ? "" : "; busiest: " + busiest);
    }

    /** How many entries each list of the record holds: {@code 3 interfaces, 2 routes}. */
    static String generic(JsonNode d) {
        List<String> parts = new ArrayList<>();
        d.fields().forEachRemaining(e -> {
            if (e.getValue().isArray() && !e.getKey().equals("warnings")) {
                parts.add(e.getValue().size() + " " + e.getKey());
            }
        });
        return parts.isEmpty() ? "parsed" : "parsed: " + String.join(", ", parts);
    }

    private static String pct(JsonNode n, String field) {
        return n.path(field).isNumber() ? Percent.of(n.path(field).asDouble()) : "?";
    }

    private static String name(JsonNode proc) {
        String comm = text(proc, "comm");
        if (!comm.isEmpty()) {
            return comm;
        }
        String command = text(proc, "command");
        int space = command.indexOf(' ');
        return space < 0 ? command : command.substring(0, space);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static long lines(String text) {
        return text.isEmpty() ? 0 : text.lines().count();
    }
}
