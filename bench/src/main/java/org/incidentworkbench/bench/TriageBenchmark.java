package org.incidentworkbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.cli.UsageException;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageListener;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageRunner;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshOptions;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench bench triage --hosts N}: how long the triage takes against N real OpenSSH servers on
 * loopback, beside two baselines measured in the same run with OpenSSH's {@code ssh} client running the
 * same commands (the probes' commands from {@link Probes}, 16 of them): one {@code ssh} per command, host after host (what
 * a person does by hand), and one {@code ssh} per host with all commands joined, all hosts at once (what a
 * careful shell script does). Our figures are in-process (JVM start not included) after one warm-up run,
 * whose time is reported too, and end to end: {@code workbench triage} of all hosts as a new JVM with the
 * class-data-sharing archive, as {@code ./workbench} runs it (and without the archive), beside the parallel
 * {@code ssh} of the same repetitions. Run it as root: sshd then starts root's own {@code .bashrc} for every
 * channel, as on many servers.
 */
@Command(name = "triage", sortOptions = false,
        description = "triage N real sshd on loopback vs. OpenSSH ssh per command and per host (--hosts N)",
        footer = {"", "Starts N sshd (default 20) on 127.0.1.x, triages 1 host and all N hosts R times (default 3),",
                "and measures OpenSSH's ssh client on the same servers: one ssh per command host after host",
                "(S times, default 1: it takes minutes) and one ssh per host, all hosts at once (R times).",
                "Prints JSON with medians in milliseconds. Needs /usr/sbin/sshd and /usr/bin/ssh."})
final class TriageBenchmark extends CliCommand {

    /**
     * The probes' commands as a person would type them (each probe's {@code commands()}), so the baselines
     * run exactly what the triage runs, top's two frames included.
     */
    static final List<String> COMMANDS = Probes.STANDARD.stream().flatMap(p -> p.commands().stream()).toList();

    @Option(names = "--hosts", paramLabel = "N", description = "sshd started, 1-250 (default ${DEFAULT-VALUE})")
    private int hostCount = 20;
    @Option(names = "--repeat", paramLabel = "R", description = "timed repetitions, 1-100 (default ${DEFAULT-VALUE})")
    private int repeat = 3;
    @Option(names = "--sequential-repeat", paramLabel = "S", description = "runs of the ssh-per-command baseline, 0-100"
            + " (default ${DEFAULT-VALUE})")
    private int sequentialRepeat = 1;

    @Override
    public Integer call() throws Exception {
        range(hostCount, "--hosts", 1, 250);
        range(repeat, "--repeat", 1, 100);
        range(sequentialRepeat, "--sequential-repeat", 0, 100);
        if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/ssh"))) {
            err.println("workbench bench triage: the baselines need OpenSSH's client /usr/bin/ssh: install it with"
                    + " 'apt-get install openssh-client'.");
            return Cli.FAILED;
        }
        try (SshdLab lab = SshdLab.start(hostCount, err)) {
            return measure(lab, hostCount, repeat, sequentialRepeat, out, err);
        } catch (IllegalStateException e) {
            err.println("workbench bench triage: " + e.getMessage());
            return Cli.FAILED;
        }
    }

    private int measure(SshdLab lab, int n, int repeat, int sequentialRepeat, PrintStream out, PrintStream err)
            throws Exception {
        List<HostSpec> hosts = lab.hosts();
        SshOptions options = lab.sshOptions();
        TriageRunner runner = new TriageRunner(new SshTransport(options, UserPrompter.NONE),
                TriageSettings.standard(), Findings::evaluate);
        List<String> problems = new ArrayList<>();

        err.println("bench: warm-up triage of lab-1");
        long cold = timeMillis(() -> check(runner.run(hosts.subList(0, 1), TriageListener.NONE), problems));
        List<Long> one = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        List<Long> sshOne = new ArrayList<>();
        List<Long> sshAll = new ArrayList<>();
        List<Long> newProcess = new ArrayList<>();
        List<Long> newProcessNoArchive = new ArrayList<>();
        NewProcess launch = NewProcess.find();
        for (int r = 0; r < repeat; r++) {
            err.println("bench: repetition " + (r + 1) + " of " + repeat);
            one.add(timeMillis(() -> check(runner.run(hosts.subList(0, 1), TriageListener.NONE), problems)));
            all.add(timeMillis(() -> check(runner.run(hosts, TriageListener.NONE), problems)));
            sshOne.add(timeMillis(() -> sshPerHostParallel(lab, 1, problems)));
            sshAll.add(timeMillis(() -> sshPerHostParallel(lab, n, problems)));
            if (launch.jar() != null) {
                newProcess.add(timeMillis(() -> launch.triage(lab, n, true, problems)));
                newProcessNoArchive.add(timeMillis(() -> launch.triage(lab, n, false, problems)));
            }
        }
        List<Long> sequential = new ArrayList<>();
        for (int r = 0; r < sequentialRepeat; r++) {
            err.println("bench: ssh per command, host after host (" + n * COMMANDS.size() + " ssh runs)");
            sequential.add(timeMillis(() -> sshPerCommandSequential(lab, n, problems)));
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "triage");
        doc.put("hosts", n);
        doc.put("repetitions", repeat);
        doc.put("user", System.getProperty("user.name"));
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("loadAverageAtStart", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        doc.put("commands", COMMANDS.size());
        Map<String, Object> ours = new LinkedHashMap<>();
        ours.put("what", "workbench triage in-process: 1 SSH connection and 1 exec channel per host running the combined probe"
                + " script (iostat beside the other probes); all hosts in parallel (32 at a time)");
        ours.put("coldFirstHostMillis", cold);
        ours.put("oneHostMedianMillis", median(one));
        ours.put("allHostsMedianMillis", median(all));
        ours.put("oneHostSamplesMillis", one);
        ours.put("allHostsSamplesMillis", all);
        doc.put("workbench", ours);
        Map<String, Object> e2e = new LinkedHashMap<>();
        e2e.put("what", "end to end, new process: 'workbench triage lab-1 ... lab-" + n + "' as a new JVM (java -cp the product jar,"
                + " with the class-data-sharing archive as ./workbench maps it), JVM start to exit, beside the parallel ssh"
                + " baseline of the same repetitions; no metrics store (--db names a file that does not exist)");
        e2e.put("jar", launch.jar() == null ? null : launch.jar().toString());
        e2e.put("archive", launch.archive() == null ? null : launch.archive().toString());
        e2e.put("allHostsMedianMillis", newProcess.isEmpty() ? null : median(newProcess));
        e2e.put("allHostsSamplesMillis", newProcess);
        e2e.put("withoutArchiveMedianMillis", newProcessNoArchive.isEmpty() ? null : median(newProcessNoArchive));
        e2e.put("withoutArchiveSamplesMillis", newProcessNoArchive);
        e2e.put("parallelSshMedianMillis", median(sshAll));
        e2e.put("ratioToParallelSsh", newProcess.isEmpty() ? null : round2((double) median(newProcess) / median(sshAll)));
        if (launch.jar() == null) {
            e2e.put("skipped", launch.why());
        }
        doc.put("endToEndNewProcess", e2e);
        Map<String, Object> parallel = new LinkedHashMap<>();
        parallel.put("what", "OpenSSH ssh, one per host with the " + COMMANDS.size() + " commands joined by ';', all hosts at once");
        parallel.put("oneHostMedianMillis", median(sshOne));
        parallel.put("allHostsMedianMillis", median(sshAll));
        parallel.put("allHostsSamplesMillis", sshAll);
        doc.put("baselineSshPerHostParallel", parallel);
        Map<String, Object> seq = new LinkedHashMap<>();
        seq.put("what", "OpenSSH ssh, one per command, host after host (" + n * COMMANDS.size() + " ssh runs)");
        seq.put("allHostsMedianMillis", sequential.isEmpty() ? null : median(sequential));
        seq.put("samplesMillis", sequential);
        doc.put("baselineSshPerCommandSequential", seq);
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("oneHostTargetMillis", 1500);
        verdict.put("oneHostMet", median(one) <= 1500);
        verdict.put("allHostsTargetMillis (for 20 hosts)", 2500);
        verdict.put("allHostsMet", n == 20 ? median(all) <= 2500 : null);
        verdict.put("fasterThanParallelSsh", median(all) < median(sshAll));
        verdict.put("speedupVsParallelSsh", round2((double) median(sshAll) / median(all)));
        verdict.put("endToEndNewProcessAsFastAsParallelSsh", newProcess.isEmpty() ? null : median(newProcess) <= median(sshAll));
        verdict.put("speedupVsSequentialSsh", sequential.isEmpty() ? null : round2((double) median(sequential) / median(all)));
        doc.put("verdict", verdict);
        doc.put("problems", problems);
        Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, doc);
        out.println();
        return problems.isEmpty() ? Cli.OK : Cli.FAILED;
    }

    /**
     * {@code workbench triage} as a new JVM: the java running this benchmark, the product jar from its class path
     * ({@code app/target/workbench.jar}) and the archive beside it ({@code workbench.jsa}, written by
     * {@code ./workbench}), with the flags {@code ./workbench} passes.
     */
    record NewProcess(Path javaBin, Path jar, Path archive, String why) {

        static NewProcess find() {
            Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry).toAbsolutePath();
                if (p.getFileName().toString().equals("workbench.jar") && Files.isRegularFile(p)) {
                    Path jsa = p.resolveSibling("workbench.jsa");
                    return new NewProcess(javaBin, p, Files.isRegularFile(jsa) ? jsa : null,
                            Files.isRegularFile(jsa) ? "" : "no archive beside the jar: run ./workbench once to write it");
                }
            }
            return new NewProcess(javaBin, null, null, "the product jar workbench.jar is not on the class path: run the benchmark"
                    + " with ./workbench bench triage");
        }

        void triage(SshdLab lab, int n, boolean withArchive, List<String> problems) {
            List<String> cmd = new ArrayList<>(List.of(javaBin.toString()));
            if (withArchive && archive != null) {
                cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            }
            // the lab hosts' triage history into the lab's scratch directory, not the user's (TriageHistory)
            cmd.add("-Dworkbench.dataDir=" + lab.knownHosts().resolveSibling("workbench-data"));
            cmd.addAll(List.of("-cp", jar.toString(), "org.incidentworkbench.app.Launcher", "triage", "-F", lab.clientConfig().toString(),
                    "--known-hosts", lab.knownHosts().toString(), "--db", lab.knownHosts().resolveSibling("no-store.mv.db").toString()));
            for (int i = 1; i <= n; i++) {
                cmd.add("lab-" + i);
            }
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.PIPE);
                pb.environment().remove("SSH_AUTH_SOCK"); // the lab's keys only, as the in-process runs
                Process p = pb.start();
                String errText = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    problems.add("workbench triage (new process) did not finish within 120 s");
                } else if (p.exitValue() != 0) {
                    problems.add("workbench triage (new process) exited " + p.exitValue() + ": " + errText.strip());
                }
            } catch (IOException e) {
                problems.add("workbench triage (new process) could not start: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Every host triaged with all nine probes parsed, else a line in problems. */
    private static void check(List<TriageReport> reports, List<String> problems) {
        for (TriageReport r : reports) {
            if (!r.triaged()) {
                problems.add(r.host() + ": " + r.failure().orElseThrow().message());
                continue;
            }
            for (ProbeResult p : r.results()) {
                if (!(p instanceof ProbeResult.Parsed)) {
                    problems.add(r.host() + " " + p.probe() + ": " + p.error().orElse(p.toString()));
                }
            }
        }
    }

    private static void sshPerHostParallel(SshdLab lab, int n, List<String> problems) {
        String joined = "export LC_ALL=C; " + String.join("; ", COMMANDS);
        List<Process> running = new ArrayList<>();
        try {
            for (int i = 1; i <= n; i++) {
                running.add(ssh(lab, "lab-" + i, joined));
            }
            for (int i = 0; i < running.size(); i++) {
                awaitSsh(running.get(i), "lab-" + (i + 1), problems);
            }
        } catch (IOException e) {
            problems.add("ssh could not start: " + e.getMessage());
        }
    }

    private static void sshPerCommandSequential(SshdLab lab, int n, List<String> problems) {
        try {
            for (int i = 1; i <= n; i++) {
                for (String command : COMMANDS) {
                    awaitSsh(ssh(lab, "lab-" + i, "export LC_ALL=C; " + command), "lab-" + i, problems);
                }
            }
        } catch (IOException e) {
            problems.add("ssh could not start: " + e.getMessage());
        }
    }

    private static Process ssh(SshdLab lab, String host, String command) throws IOException {
        return new ProcessBuilder("/usr/bin/ssh", "-F", lab.clientConfig().toString(), host, command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void awaitSsh(Process p, String host, List<String> problems) {
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problems.add("ssh " + host + " did not finish within 60 s");
            } else if (p.exitValue() == 255) {
                problems.add("ssh " + host + " could not connect (exit 255)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private static long timeMillis(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    static long median(List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(Long::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void range(int v, String option, int min, int max) throws UsageException {
        if (v < min || v > max) {
            throw new UsageException(option + " takes a whole number from " + min + " to " + max + ", not '" + v + "'.");
        }
    }
}
