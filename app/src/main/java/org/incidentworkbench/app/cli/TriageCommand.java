package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.app.format.TriageText;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;

/**
 * {@code workbench triage [OPTIONS] HOST...}: the standard login triage of every host at once, findings
 * first. Each host is printed as soon as it ends; with {@code --json} one document is printed at the end
 * (schema in docs/triage-json.md) and progress goes to stderr. Exit 0 when every host was triaged, 1 when
 * some were not (unreachable, or reached but no probe gave data; each with its reason), 2 on usage errors.
 */
public final class TriageCommand implements Command {

    /** The JSON document's format name and version. */
    public static final String SCHEMA = "workbench-triage/1";

    /** The command line as parsed. */
    record Options(boolean json, boolean local, SshArgs ssh, int parallel, Duration timeout, List<String> hosts) {
    }

    /** The {@code --json} document. */
    public record TriageDocument(String schema, Instant startedAt, Duration duration, int hosts, int triaged,
                                 List<TriageReport> reports) {
    }

    @Override
    public String name() {
        return "triage";
    }

    @Override
    public String summary() {
        return "run the standard login triage on hosts over SSH (or --local) and show the findings";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            printHelp(out);
            return Cli.OK;
        }
        Options options = parse(args);
        TriageSettings settings = TriageSettings.standard().withParallel(options.parallel()).withHostDeadline(options.timeout());
        TriageService service;
        List<String> hosts;
        if (options.local()) {
            service = TriageService.local(settings);
            hosts = List.of("local");
        } else {
            service = SshTriage.service(options, settings, err);
            hosts = options.hosts();
        }
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<TriageReport> reports = service.triage(hosts, report -> {
            if (options.json()) {
                err.println(report.host() + ": " + (report.triaged()
                        ? "triaged in " + Durations.human(report.duration())
                        : "NOT triaged: " + report.failure().orElseThrow().message()));
            } else {
                out.print(TriageText.render(report));
                out.flush();
            }
        });
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        long triaged = reports.stream().filter(TriageCommand::usable).count();
        if (options.json()) {
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out,
                    new TriageDocument(SCHEMA, started, total, reports.size(), (int) triaged, reports));
            out.println();
            out.flush();
        }
        if (triaged < reports.size()) {
            err.println("workbench triage: " + (reports.size() - triaged) + " of " + reports.size()
                    + " hosts could not be triaged:");
            for (TriageReport r : reports) {
                if (!usable(r)) {
                    err.println("  " + r.host() + ": " + reason(r));
                }
            }
            return Cli.FAILED;
        }
        return Cli.OK;
    }

    /**
     * A host counts as triaged when it was reached and at least one probe gave data: a host whose every
     * probe timed out or failed tells the user nothing, so it makes the exit status 1 like an unreachable one.
     */
    static boolean usable(TriageReport report) {
        return report.triaged() && report.results().stream().anyMatch(r -> r instanceof ProbeResult.Parsed);
    }

    private static String reason(TriageReport report) {
        if (report.failure().isPresent()) {
            return report.failure().get().message();
        }
        long timedOut = report.results().stream().filter(r -> r instanceof ProbeResult.TimedOut).count();
        String first = report.results().stream().map(r -> r.error().orElse("")).filter(e -> !e.isEmpty()).findFirst().orElse("");
        return "connected, but no probe gave data (" + timedOut + " of " + report.results().size() + " timed out). " + first;
    }

    static Options parse(List<String> args) throws UsageException {
        boolean json = false;
        boolean local = false;
        SshArgs.Parser ssh = new SshArgs.Parser();
        int parallel = TriageSettings.DEFAULT_PARALLEL;
        Duration timeout = TriageSettings.DEFAULT_HOST_DEADLINE;
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--json" -> json = true;
                case "--local" -> local = true;
                case "--parallel" -> parallel = positiveInt(SshArgs.value(args, ++i, a), a);
                case "--timeout" -> timeout = positiveSeconds(SshArgs.value(args, ++i, a), a);
                case "--" -> {
                    hosts.addAll(args.subList(i + 1, args.size()));
                    i = args.size();
                }
                default -> {
                    int taken = ssh.take(args, i);
                    if (taken >= 0) {
                        i = taken;
                    } else if (a.startsWith("-")) {
                        throw new UsageException("there is no option '" + a + "'.");
                    } else {
                        hosts.add(a);
                    }
                }
            }
        }
        if (local && !hosts.isEmpty()) {
            throw new UsageException("--local triages this machine without SSH; leave out the host names ("
                    + String.join(" ", hosts) + "), or drop --local to triage them over SSH.");
        }
        if (!local && hosts.isEmpty()) {
            throw new UsageException("name at least one host (an alias from ~/.ssh/config or user@host:port), "
                    + "or use --local to triage this machine.");
        }
        return new Options(json, local, ssh.build(), parallel, timeout, hosts);
    }

    private static int positiveInt(String value, String option) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException(option + " takes a whole number of 1 or more, not '" + value + "'.");
    }

    private static Duration positiveSeconds(String value, String option) throws UsageException {
        try {
            double s = Double.parseDouble(value);
            if (s > 0 && s <= 86_400) {
                return Duration.ofMillis(Math.round(s * 1000));
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException(option + " takes a number of seconds above 0 (for example 10 or 2.5), not '" + value + "'.");
    }

    private static void printHelp(PrintStream out) {
        out.println("Usage: workbench triage [OPTIONS] HOST...");
        out.println("       workbench triage [--json] --local");
        out.println();
        out.println("Runs the standard login triage (w, uptime, ps, ip, df, top, iostat, ss, logs) on every host at");
        out.println("once over SSH and prints, per host as it finishes, the findings first and then one line per probe.");
        out.println("HOST is an alias from ~/.ssh/config (Host patterns, HostName, User, Port, IdentityFile, ProxyJump)");
        out.println("or user@host:port. The commands are fixed and read-only; nothing is installed on the servers.");
        out.println();
        out.println("Options:");
        out.println("  --json              print one JSON document (schema: docs/triage-json.md); progress to stderr");
        out.println("  --local             triage this machine without SSH");
        SshArgs.helpLines("passphrases are asked on the terminal").forEach(out::println);
        out.println("  --parallel N        hosts triaged at once (default " + TriageSettings.DEFAULT_PARALLEL + ")");
        out.println("  --timeout S         give up on a host after S seconds, connect included (default "
                + TriageSettings.DEFAULT_HOST_DEADLINE.toSeconds() + ")");
        out.println();
        out.println("Exit status: 0 every host was triaged, 1 some were not (unreachable, or no probe gave data; each is");
        out.println("listed with its reason), 2 usage error.");
    }
}
