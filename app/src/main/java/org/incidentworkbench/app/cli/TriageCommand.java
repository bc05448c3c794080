package org.incidentworkbench.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.app.format.TriageText;
import org.incidentworkbench.app.services.AppContext;
import org.incidentworkbench.app.services.StoreHistory;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.SshConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench triage [OPTIONS] HOST...}: the standard login triage of every host at once, findings
 * first. Each host is printed as soon as it ends; with {@code --json} one document is printed at the end
 * (schema in docs/triage-json.md) and progress goes to stderr. Exit 0 when every host was triaged, 1 when
 * some were not (unreachable, or reached but no probe gave data; each with its reason), 2 on usage errors.
 */
@Command(name = "triage", sortOptions = false,
        description = "run the standard login triage on hosts over SSH (or --local) and show the findings",
        customSynopsis = {"workbench triage [OPTIONS] HOST...", "       workbench triage [--json] --local"},
        footer = {"", "Runs the standard login triage (w, uptime, ps, ip, df, top, iostat, ss, logs) on every host at",
                "once over SSH and prints, per host as it finishes, the findings first and then one line per probe.",
                "HOST is an alias from ~/.ssh/config (Host patterns, HostName, User, Port, IdentityFile, ProxyJump)",
                "or user@host:port. The commands are fixed and read-only; nothing is installed on the servers.", "",
                "Exit status: 0 every host was triaged, 1 some were not (unreachable, or no probe gave data; each is",
                "listed with its reason), 2 usage error."})
public final class TriageCommand extends CliCommand {

    /** The JSON document's format name and version. */
    public static final String SCHEMA = "workbench-triage/1";

    @Option(names = "--json", description = "print one JSON document (schema: docs/triage-json.md); progress to stderr")
    private boolean json;

    @Option(names = "--local", description = "triage this machine without SSH")
    private boolean local;

    @Option(names = "--sudo", description = "run the probes that need privilege (the kernel log, the journal, ss -p's socket owners) through"
            + " sudo -n; never prompts: where sudo would ask for a password they run without it and the coverage says so")
    private boolean sudo;

    @Mixin
    private SshArgs ssh;

    @Option(names = "--parallel", paramLabel = "N", description = "hosts triaged at once (default ${DEFAULT-VALUE})")
    private int parallel = TriageSettings.DEFAULT_PARALLEL;

    @Option(names = "--timeout", paramLabel = "S", description = "give up on a host after S seconds, connect included"
            + " (default ${DEFAULT-VALUE})")
    private String timeout = String.valueOf(TriageSettings.DEFAULT_HOST_DEADLINE.toSeconds());

    @Option(names = "--db", paramLabel = "FILE", description = "the metrics store whose history (sampled, or from sysstat or Prometheus)"
            + " says when filesystems and memory run out (default ${DEFAULT-VALUE}; left out when it does not exist)")
    private java.nio.file.Path db = org.incidentworkbench.timeseries.TimeSeriesStore.defaultPath();

    @Parameters(paramLabel = "HOST", arity = "0..*", description = "an alias from ~/.ssh/config or user@host:port")
    private List<String> hosts = new ArrayList<>();

    /** The {@code --json} document. */
    public record TriageDocument(String schema, Instant startedAt, Duration duration, int hosts, int triaged,
                                 List<TriageReport> reports) {
    }

    @Override
    public Integer call() throws Exception {
        check();
        try (StoreHistory history = new StoreHistory(db)) {
            // the store opens while the probes run, so the first host to finish does not wait for it
            Thread opener = new Thread(history::get, "workbench-store-open");
            opener.setDaemon(true);
            opener.start();
            int status = run(history);
            history.notice().ifPresent(n -> err.println("workbench triage: " + n));
            history.problem().ifPresent(p -> err.println("workbench triage: " + p));
            return status;
        }
    }

    private int run(StoreHistory history) throws Exception {
        TriageSettings settings = TriageSettings.standard().withParallel(parallel)
                .withHostDeadline(positiveSeconds(timeout, "--timeout")).withSudo(sudo);
        TriageService service;
        List<String> targets;
        if (local) {
            service = TriageService.local(settings, history);
            targets = List.of("local");
        } else {
            service = sshService(settings, history);
            targets = hosts;
        }
        Instant started = Instant.now();
        long start = System.nanoTime();
        List<TriageReport> reports = service.triage(targets, report -> {
            if (json) {
                err.println(report.host() + ": " + (report.triaged()
                        ? "triaged in " + Durations.human(report.duration())
                        : "not triaged: " + report.failure().orElseThrow().message()));
            } else {
                out.print(TriageText.render(report));
                out.flush();
            }
        });
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        long triaged = reports.stream().filter(TriageCommand::usable).count();
        if (json) {
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

    /** A host counts as triaged when it was reached and at least one probe gave data (else NO_DATA). */
    static boolean usable(TriageReport report) {
        return report.triaged();
    }

    private static String reason(TriageReport report) {
        return report.failure().map(f -> f.message()).orElse("");
    }

    private void check() throws UsageException {
        if (local && !hosts.isEmpty()) {
            throw new UsageException("--local triages this machine without SSH; leave out the host names ("
                    + String.join(" ", hosts) + "), or drop --local to triage them over SSH.");
        }
        if (!local && hosts.isEmpty()) {
            throw new UsageException("name at least one host (an alias from ~/.ssh/config or user@host:port), "
                    + "or use --local to triage this machine.");
        }
        if (parallel < 1) {
            throw new UsageException("--parallel takes a whole number of 1 or more, not '" + parallel + "'.");
        }
    }

    /** The SSH triage service from the options, with the terminal as prompter for passphrases. */
    private TriageService sshService(TriageSettings settings, StoreHistory history) throws UsageException {
        try {
            return AppContext.command(ssh.sshConfig(), ssh.sshOptions(), ConsolePrompter.system(err)).triage(settings, history);
        } catch (SshConfigException e) {
            throw new UsageException(e.getMessage());
        }
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
}
