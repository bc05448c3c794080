package org.incidentworkbench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * sar's text, for a sysstat whose {@code sadf} has no {@code -j} (before 10.0): what
 * {@code LC_ALL=C TZ=UTC S_TIME_FORMAT=ISO sar ACTIVITIES -f FILE} prints, rebuilt into the records {@code sadf -j}
 * would have printed and read by {@link SadfJson}, so both paths give the same points under the same mapping.
 *
 * <p>sar prints one section per activity (a header line naming the columns, a line per record, an
 * {@code Average:} or {@code Summary:} line), each over all records; {@code LINUX RESTART} lines mark restarts.
 * A column's JSON name is its header without {@code /s}, {@code kb} and with {@code %x} as {@code x-percent}
 * (in the CPU section plainly {@code x}; filesystems keep sar's names); the device, interface and mount point
 * columns may stand first or last. Times are UTC (TZ=UTC), in 24 hours (LC_ALL=C); a time smaller than the
 * previous one of its section is the next day. Sections the mapping does not read are skipped.
 *
 * <p>Thread-safe: stateless.
 */
public final class SarText {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern US_DATE = Pattern.compile("(\\d{2})/(\\d{2})/(\\d{2,4})");
    private static final Pattern NODENAME = Pattern.compile("\\(([^)]+)\\)");

    private SarText() {
    }

    /**
     * Parses one archive's sar text.
     *
     * @throws SadfJsonException when the text has no sar header line ({@code Linux ... (host) DATE ...})
     */
    public static SadfJson.Archive parse(String text, String host, String source) throws SadfJsonException {
        String[] lines = text.split("\r?\n");
        int first = 0;
        while (first < lines.length && !lines[first].startsWith("Linux ")) {
            first++;
        }
        if (first == lines.length) {
            throw new SadfJsonException(source + " is not sar output: no header line such as 'Linux 6.1.0 (web-1) 2026-12-02 ...'.");
        }
        LocalDate date = date(lines[first], source);
        Matcher nm = NODENAME.matcher(lines[first]);
        String nodename = nm.find() ? nm.group(1) : "";
        Map<Long, ObjectNode> records = new TreeMap<>();
        ArrayNode restarts = MAPPER.createArrayNode();
        List<Long> restartTimes = new ArrayList<>();
        String[] header = null;
        long dayOffset = 0;
        int previousSecond = -1;
        for (int i = first + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                header = null;
                continue;
            }
            Matcher tm = TIME.matcher(line);
            if (!tm.lookingAt()) {
                continue; // Average:, Summary:, anything else
            }
            int second = Integer.parseInt(tm.group(1)) * 3600 + Integer.parseInt(tm.group(2)) * 60 + Integer.parseInt(tm.group(3));
            String[] tokens = line.split("\\s+");
            if (line.contains("LINUX RESTART")) {
                long t = date.atTime(LocalTime.ofSecondOfDay(second)).toInstant(ZoneOffset.UTC).toEpochMilli() + dayOffset;
                if (!restartTimes.contains(t)) {
                    restartTimes.add(t);
                    ObjectNode boot = restarts.addObject().putObject("boot");
                    boot.put("date", LocalDate.ofEpochDay(Math.floorDiv(t, 86_400_000L)).toString());
                    boot.put("time", LocalTime.ofSecondOfDay(Math.floorMod(t, 86_400_000L) / 1000).toString());
                    boot.put("utc", 1);
                }
                continue;
            }
            if (header == null) {
                header = tokens; // a section starts: its first record's time and the column names
                dayOffset = 0;
                previousSecond = second;
                continue;
            }
            if (tokens.length != header.length) {
                continue;
            }
            if (second < previousSecond) {
                dayOffset += 86_400_000L;
            }
            previousSecond = second;
            long t = date.atTime(LocalTime.ofSecondOfDay(second)).toInstant(ZoneOffset.UTC).toEpochMilli() + dayOffset;
            record(records.computeIfAbsent(t, k -> MAPPER.createObjectNode()), header, tokens);
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode h = root.putObject("sysstat").putArray("hosts").addObject();
        h.put("nodename", nodename);
        ArrayNode statistics = h.putArray("statistics");
        long previous = Long.MIN_VALUE;
        for (Map.Entry<Long, ObjectNode> r : records.entrySet()) {
            long t = r.getKey();
            ObjectNode ts = MAPPER.createObjectNode();
            ts.put("date", LocalDate.ofEpochDay(Math.floorDiv(t, 86_400_000L)).toString());
            ts.put("time", LocalTime.ofSecondOfDay(Math.floorMod(t, 86_400_000L) / 1000).toString());
            ts.put("utc", 1);
            ts.put("interval", previous == Long.MIN_VALUE ? 0 : (t - previous) / 1000);
            ObjectNode s = statistics.addObject();
            s.set("timestamp", ts);
            s.setAll(r.getValue());
            previous = t;
        }
        h.set("restarts", restarts);
        SadfJson.Archive a = SadfJson.parse((JsonNode) root, host, source);
        return new SadfJson.Archive(a.nodename(), "sar text", a.records(), a.samples(), a.warnings());
    }

    /** Puts one line of a section into its record, where {@code sadf -j} has it. */
    private static void record(ObjectNode rec, String[] header, String[] tokens) {
        List<String> cols = List.of(header);
        if (cols.contains("CPU")) {
            int c = cols.indexOf("CPU");
            if (!tokens[c].equals("all")) {
                return;
            }
            ObjectNode o = array(rec, "cpu-load").addObject();
            o.put("cpu", "all");
            fields(o, header, tokens, c, name -> name.replace("%", ""));
        } else if (cols.contains("proc/s") || cols.contains("cswch/s")) {
            fields(object(rec, "process-and-context-switch"), header, tokens, -1, SarText::plain);
        } else if (cols.contains("pswpin/s")) {
            fields(object(rec, "swap-pages"), header, tokens, -1, SarText::plain);
        } else if (cols.contains("runq-sz")) {
            fields(object(rec, "queue"), header, tokens, -1, SarText::plain);
        } else if (cols.contains("kbmemfree") || cols.contains("kbswpfree")) {
            fields(object(rec, "memory"), header, tokens, -1, SarText::plain);
        } else if (cols.contains("DEV") && cols.contains("tps")) {
            int c = cols.indexOf("DEV");
            ObjectNode o = array(rec, "disk").addObject();
            o.put("disk-device", tokens[c]);
            fields(o, header, tokens, c, SarText::plain);
        } else if (cols.contains("IFACE") && (cols.contains("rxpck/s") || cols.contains("rxerr/s"))) {
            int c = cols.indexOf("IFACE");
            ObjectNode o = array(object(rec, "network"), cols.contains("rxpck/s") ? "net-dev" : "net-edev").addObject();
            o.put("iface", tokens[c]);
            fields(o, header, tokens, c, SarText::plain);
        } else if (cols.contains("MOUNTPOINT") || cols.contains("FILESYSTEM")) {
            int c = cols.contains("MOUNTPOINT") ? cols.indexOf("MOUNTPOINT") : cols.indexOf("FILESYSTEM");
            ObjectNode o = array(rec, "filesystems").addObject();
            o.put(cols.contains("MOUNTPOINT") ? "mountpoint" : "filesystem", tokens[c]);
            fields(o, header, tokens, c, name -> name); // sadf -j keeps sar's names here (MBfsused, %ufsused)
        }
    }

    /** {@code kbmemfree} is {@code memfree}, {@code rxpck/s} {@code rxpck}, {@code %memused} {@code memused-percent}. */
    static String plain(String column) {
        String name = column.endsWith("/s") ? column.substring(0, column.length() - 2) : column;
        if (name.startsWith("kb")) {
            name = name.substring(2);
        }
        if (name.startsWith("%")) {
            name = name.substring(1) + "-percent";
        }
        return name.equals("inact") ? "inactive" : name;
    }

    private static void fields(ObjectNode o, String[] header, String[] tokens, int nameColumn,
                               java.util.function.UnaryOperator<String> rename) {
        for (int k = 1; k < header.length; k++) { // column 0 is the time
            if (k == nameColumn) {
                continue;
            }
            try {
                o.put(rename.apply(header[k]), Double.parseDouble(tokens[k]));
            } catch (NumberFormatException e) {
                // a column that is not a figure: not one the mapping reads
            }
        }
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        return n instanceof ObjectNode o ? o : parent.putObject(name);
    }

    private static ArrayNode array(ObjectNode parent, String name) {
        JsonNode n = parent.get(name);
        return n instanceof ArrayNode a ? a : parent.putArray(name);
    }

    /** The header's date: ISO (S_TIME_FORMAT=ISO, sysstat 8.1 on) or the C locale's MM/DD/YY(YY). */
    private static LocalDate date(String headerLine, String source) throws SadfJsonException {
        Matcher iso = ISO_DATE.matcher(headerLine);
        if (iso.find()) {
            return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)), Integer.parseInt(iso.group(3)));
        }
        Matcher us = US_DATE.matcher(headerLine);
        if (us.find()) {
            int year = Integer.parseInt(us.group(3));
            return LocalDate.of(year < 100 ? 2000 + year : year, Integer.parseInt(us.group(1)), Integer.parseInt(us.group(2)));
        }
        throw new SadfJsonException(source + " has a sar header line without a date: '" + headerLine.strip() + "'.");
    }
}
