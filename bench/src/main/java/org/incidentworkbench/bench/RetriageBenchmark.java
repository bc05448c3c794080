package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.app.services.AppContext;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.app.services.WarmConnections;
import org.incidentworkbench.probe.TriageListener;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * The window's re-triage of N hosts, cold and warm, in one run against real sshd on loopback ({@link SshdLab}): the
 * window's own wiring ({@link TriageService} over {@link WarmConnections}, as {@code ui.UiServices} builds it). Cold:
 * a fresh pool per repetition, so every host logs in; warm: one pool whose sessions the first (untimed) triage opened,
 * so a repetition is the second triage of hosts already triaged. Repetitions interleave cold and warm, so load on
 * the machine falls on both alike. Not thread-safe; one run at a time.
 */
final class RetriageBenchmark {

    /** Issue 11's target for re-triaging 20 warm hosts here. */
    static final long TARGET_MILLIS = 1300;

    private RetriageBenchmark() {
    }

    /**
     * @param ownPidNamespaces each lab host in a PID namespace of its own where the machine allows it (see
     *                         {@link SshdLab#start(int, boolean, PrintStream)}); the JSON says which was used
     */
    static void measure(ObjectNode into, int hostCount, int repeat, boolean ownPidNamespaces, PrintStream err) throws Exception {
        ObjectNode doc = into.putObject("retriage");
        if (!SshdLab.available()) {
            doc.put("skipped", "needs OpenSSH's server: apt-get install openssh-server");
            return;
        }
        boolean own = ownPidNamespaces && SshdLab.ownPidNamespacesAvailable();
        doc.put("lab_pids", own ? "each host's sshd in a PID namespace of its own: a host's ps, top and ss -p see its own processes"
                : "shared: every host's ps, top and ss -p read all the processes of this machine, the other hosts' included"
                + (ownPidNamespaces ? " (this machine refused a PID namespace: unshare --pid --mount-proc needs root)" : " (--shared-pids)"));
        try (SshdLab lab = SshdLab.start(hostCount, own, err)) {
            // the triage history goes to a scratch directory, not the user's
            java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("workbench-bench-retriage");
            String dataDir = System.getProperty("workbench.dataDir");
            System.setProperty("workbench.dataDir", scratch.toString());
            List<String> names = lab.hosts().stream().map(h -> h.alias()).toList();
            List<String> problems = new ArrayList<>();
            try (WarmConnections warm = new WarmConnections(new SshTransport(lab.sshOptions(), UserPrompter.NONE),
                    WarmConnections.WINDOW_IDLE)) {
                TriageService warmTriage = service(warm, lab, scratch);
                err.println("re-triage: first triage of " + hostCount + " hosts (opens the sessions, not timed)");
                long first = time(warmTriage, names, problems);
                int loginsAfterFirst = warm.logins();
                int shellsAfterFirst = warm.keptShellsStarted();
                long[] cold = new long[repeat];
                long[] hot = new long[repeat];
                long[][] coldCpu = new long[4][repeat];
                long[][] hotCpu = new long[4][repeat];
                for (int r = 0; r < repeat; r++) {
                    try (WarmConnections fresh = new WarmConnections(new SshTransport(lab.sshOptions(), UserPrompter.NONE),
                            WarmConnections.WINDOW_IDLE)) {
                        long[] before = LabCpu.snapshot(lab, hostCount);
                        cold[r] = time(service(fresh, lab, scratch), names, problems);
                        long[] spent = LabCpu.since(before, lab, hostCount);
                        for (int k = 0; k < spent.length; k++) {
                            coldCpu[k][r] = spent[k];
                        }
                    }
                    long[] before = LabCpu.snapshot(lab, hostCount);
                    hot[r] = time(warmTriage, names, problems);
                    long[] spent = LabCpu.since(before, lab, hostCount);
                    for (int k = 0; k < spent.length; k++) {
                        hotCpu[k][r] = spent[k];
                    }
                    err.printf("  repetition %d of %d: cold %d ms (CPU: sshd and below %d ms, JVM %d ms), warm %d ms (%d ms, %d ms)%n",
                            r + 1, repeat, cold[r], coldCpu[0][r], coldCpu[1][r], hot[r], hotCpu[0][r], hotCpu[1][r]);
                }
                doc.put("what", "the window's triage (TriageService over WarmConnections) of " + hostCount + " real sshd on"
                        + " loopback, all hosts at once: cold = every host logs in (a fresh pool per repetition), warm = the"
                        + " same hosts again over the sessions the first triage left open");
                doc.put("hosts", hostCount);
                doc.put("repetitions", repeat);
                doc.put("first_triage_ms", first);
                doc.put("cold_median_ms", median(cold));
                doc.put("warm_median_ms", median(hot));
                doc.put("warm_over_cold", Math.round(100.0 * median(hot) / Math.max(1, median(cold))) / 100.0);
                ArrayNode c = doc.putArray("cold_samples_ms");
                ArrayNode w = doc.putArray("warm_samples_ms");
                for (int r = 0; r < repeat; r++) {
                    c.add(cold[r]);
                    w.add(hot[r]);
                }
                doc.put("warm_logins_after_first", loginsAfterFirst);
                doc.put("warm_logins_during_repetitions", warm.logins() - loginsAfterFirst);
                doc.put("warm_kept_shells_started_during_repetitions", warm.keptShellsStarted() - shellsAfterFirst);
                int cores = Runtime.getRuntime().availableProcessors();
                ObjectNode cpu = doc.putObject("cpu_median_ms");
                cpu.put("what", "CPU time per re-triage of all hosts: lab = the 20 sshd and everything under them (sessions,"
                        + " login and kept shells, probes; split into sshd's own and the shells' and probes'), jvm = this process (SSH"
                        + " client, parsing, findings, history);"
                        + " floor = (lab + jvm) / cores, the wall time those alone need on this machine's " + cores + " cores");
                cpu.put("cold_lab", median(coldCpu[0]));
                cpu.put("cold_jvm", median(coldCpu[1]));
                cpu.put("cold_lab_sshd", median(coldCpu[2]));
                cpu.put("cold_lab_shells_and_probes", median(coldCpu[3]));
                cpu.put("warm_lab", median(hotCpu[0]));
                cpu.put("warm_lab_sshd", median(hotCpu[2]));
                cpu.put("warm_lab_shells_and_probes", median(hotCpu[3]));
                cpu.put("warm_jvm", median(hotCpu[1]));
                cpu.put("warm_floor", (median(hotCpu[0]) + median(hotCpu[1])) / cores);
                // every "host" here is this machine: its ps, top and ss read all of these, the lab's own included
                doc.put("processes_on_this_machine_while_warm", ProcessHandle.allProcesses().count());
                doc.put("idle_close_after_s", WarmConnections.WINDOW_IDLE.toSeconds());
                doc.put("target_warm_ms", TARGET_MILLIS);
                doc.put("target_met", median(hot) <= TARGET_MILLIS);
                ArrayNode p = doc.putArray("problems");
                problems.forEach(p::add);
            } finally {
                if (dataDir == null) {
                    System.clearProperty("workbench.dataDir");
                } else {
                    System.setProperty("workbench.dataDir", dataDir);
                }
            }
        }
    }

    /** As the window builds it: the lab's ssh_config resolves the names, findings ranked against the triage history. */
    private static TriageService service(WarmConnections pool, SshdLab lab, java.nio.file.Path scratch) {
        org.incidentworkbench.ssh.SshConfigResolver config = org.incidentworkbench.ssh.SshConfigResolver.load(lab.clientConfig());
        return new AppContext(pool, () -> config, scratch.resolve("metrics.mv.db"), scratch.resolve("incidents"))
                .triage(TriageSettings.standard());
    }

    private static long time(TriageService triage, List<String> names, List<String> problems) {
        long start = System.nanoTime();
        List<TriageReport> reports = triage.triage(names, TriageListener.NONE);
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        reports.stream().filter(r -> !r.triaged()).forEach(r -> problems.add(r.host() + ": " + r.failure().orElseThrow().message()));
        return ms;
    }

    static long median(long[] v) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
