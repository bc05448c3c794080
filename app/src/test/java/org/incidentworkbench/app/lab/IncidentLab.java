package org.incidentworkbench.app.lab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.app.cli.VersionCommand;
import org.incidentworkbench.app.services.IncidentRecording;
import org.incidentworkbench.app.services.IncidentService;
import org.incidentworkbench.app.services.SamplingService;
import org.incidentworkbench.app.services.StoreMetricSlices;
import org.incidentworkbench.app.services.TriageService;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.playbooks.bundle.Attachment;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.VerificationReport;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.probe.TriageSettings;
import org.incidentworkbench.sample.SamplerConfig;
import org.incidentworkbench.ssh.HostConnection;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.SshTransport;
import org.incidentworkbench.ssh.UserPrompter;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The incident lab: causes five real incidents on a loopback sshd host while the product samples and
 * triages it, and records each as a bundle, the product's shipped samples. Nothing in a sample is
 * written by hand: the metrics come from the sampler through the store, the triage reports from the
 * triage service over SSH, the command outputs from the host; the scripted responder only chooses
 * what to look at and what to write in notes, as a person at the window would.
 *
 * <p>Faults, all on this machine, all undone afterwards: a 64 MiB tmpfs the lab mounts under
 * {@code /srv/iw-lab} fills up (never the real root filesystem); two busy loops, one per core; a leaking
 * process in its own 768 MiB memory cgroup until the OOM killer ends it; a log flood onto a 48 MiB tmpfs;
 * a server that never closes sockets its clients closed (CLOSE-WAIT). What the lab itself ran is kept
 * in each bundle as {@code attachments/lab-scenario.txt}.
 *
 * <p>The lab host's sshd runs in a PID and mount namespace of its own, so its {@code ps} and {@code top} show
 * the incident's processes and not the JVM recording it, and each scenario starts with a cleared kernel log
 * ({@code dmesg -C}), so no OOM kill of an earlier scenario or test leads its findings. Load and CPU use are
 * machine-wide: record on an otherwise idle machine, or every sample also shows the machine's load.
 *
 * <p>Needs root (mount, cgroups, unshare, dmesg -C), OpenSSH's sshd and perl. It takes about ten minutes and loads the
 * machine, so it is not part of the test suite; run it on purpose, from the repository root:
 * <pre>
 * mvn -o -q -B -Dinstallers.skip=true -pl app -am test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/iw-lab.cp
 * java -cp app/target/test-classes:app/target/classes:$(cat /tmp/iw-lab.cp) \
 *     org.incidentworkbench.app.lab.IncidentLab [--out DIR] [disk-full cpu-hog memory-leak-oom log-flood close-wait-leak]
 * </pre>
 * (or as a test: {@code -Dtest=IncidentLab -Dworkbench.lab=true [-Dworkbench.lab.only=disk-full]}). Each incident
 * gets a fresh sshd, store and sampler. A recording whose triage fails, or whose triage lacks the finding the
 * story rests on, is abandoned rather than shipped. Bundles go to {@code app/src/main/resources/samples/}
 * with an {@code index.json} listing them.
 */
@EnabledIfSystemProperty(named = "workbench.lab", matches = "true")
class IncidentLab {

    static final String HOST = "lab-1";
    static final String ACTOR = "lab-responder";
    static final Duration BASELINE = Duration.ofSeconds(30);

    private OpenSshTestServer server;
    private HostSpec spec;
    private SshTransport transport;
    private TriageService triage;
    private Path work;
    private Path out;

    @Test
    void recordTheSampleIncidents() throws Exception {
        OpenSshTestServer.assumeAvailable();
        Path dir = Path.of(System.getProperty("workbench.lab.out", "src/main/resources/samples"));
        List<String> only = Arrays.stream(System.getProperty("workbench.lab.only", "").split(",")).filter(s -> !s.isBlank()).toList();
        List<String> failed = new IncidentLab().recordAll(dir, only);
        if (!failed.isEmpty()) {
            throw new AssertionError("The lab could not record " + failed + "; see the log above.");
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of("app/src/main/resources/samples");
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                dir = Path.of(args[++i]);
            } else {
                only.add(args[i]);
            }
        }
        List<String> failed = new IncidentLab().recordAll(dir, only);
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    /** Records the named scenarios (all when empty); returns those that failed (each is tried once). */
    List<String> recordAll(Path dir, List<String> only) throws Exception {
        out = dir.toAbsolutePath();
        Files.createDirectories(out);
        work = Files.createTempDirectory("iw-lab");
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        scenarios.put("disk-full", this::diskFull);
        scenarios.put("cpu-hog", this::cpuHog);
        scenarios.put("memory-leak-oom", this::memoryLeak);
        scenarios.put("log-flood", this::logFlood);
        scenarios.put("close-wait-leak", this::closeWaitLeak);
        for (String name : only) {
            if (!scenarios.containsKey(name)) {
                throw new IllegalArgumentException("There is no lab scenario '" + name + "'; the scenarios are " + scenarios.keySet() + ".");
            }
        }
        List<String> failed = new ArrayList<>();
        for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
            if (!only.isEmpty() && !only.contains(e.getKey())) {
                continue;
            }
            // its own PID and mount namespace: the host's ps shows the incident's processes, not this JVM or the build
            try (OpenSshTestServer s = OpenSshTestServer.builder().inOwnPidNamespace().start()) {
                server = s;
                HostSpec base = s.hostSpec();
                spec = new HostSpec(HOST, base.user(), base.hostname(), base.port(), base.identityFiles(), List.of(),
                        base.connectTimeout(), base.serverAliveInterval());
                transport = new SshTransport(s.sshOptions(), UserPrompter.NONE);
                triage = new TriageService(transport, name -> spec, TriageSettings.standard(), Findings::evaluate);
                record(e.getKey(), e.getValue());
            } catch (Exception ex) {
                System.err.println("!! " + e.getKey() + " was not recorded: " + ex);
                failed.add(e.getKey());
            }
        }
        writeIndex();
        deleteRecursively(work);
        if (!failed.isEmpty()) {
            System.err.println("Not recorded: " + failed);
        }
        return failed;
    }

    @FunctionalInterface
    interface Scenario {
        void run(Context c) throws Exception;
    }

    /** What a scenario works with: the lab's shell, and the incident once it opens it. */
    final class Context {
        final LabHost lab;
        final HostConnection responderShell;
        final IncidentService incidents;
        final String name;
        Responder responder;

        Context(String name, LabHost lab, HostConnection responderShell, IncidentService incidents) {
            this.name = name;
            this.lab = lab;
            this.responderShell = responderShell;
            this.incidents = incidents;
        }

        Responder open(String title, String severity, String summary) throws IOException {
            IncidentRecording r = incidents.open(title, severity, List.of(HOST), Optional.of(summary));
            responder = new Responder(r, triage, spec, responderShell);
            System.err.println("Incident opened: " + title);
            return responder;
        }

        JournalEvent.IncidentClosed closing(String summary, String impact, String rootCause, String trigger, String resolution,
                                            String detection) {
            return new JournalEvent.IncidentClosed(responder.recording().now(), ACTOR, Optional.of(summary), Optional.of(impact),
                    Optional.of(rootCause), Optional.of(trigger), Optional.of(resolution), Optional.of(detection));
        }
    }

    private void record(String name, Scenario scenario) throws Exception {
        System.err.println("== " + name);
        Path dir = Files.createDirectories(work.resolve(name));
        IncidentService incidents = new IncidentService(dir.resolve("incidents"), Clock.systemUTC(), ACTOR,
                "Incident Workbench " + VersionCommand.version() + " (incident lab)");
        try (HostConnection labShell = transport.connect(spec);
             HostConnection responderShell = transport.connect(spec);
             TimeSeriesStore store = TimeSeriesStore.open(dir.resolve("metrics.mv.db"))) {
            Context c = new Context(name, new LabHost(labShell), responderShell, incidents);
            IncidentService.Sealed sealed;
            try (SamplingService sampling = SamplingService.start(store, transport, SamplerConfig.of(Duration.ofSeconds(1)))) {
                sampling.start(spec);
                // an OOM kill or I/O error from an earlier scenario or test would be this incident's first finding
                c.lab.run("dmesg -C && echo kernel log cleared");
                c.lab.comment("sampling " + HOST + " every second; baseline of " + BASELINE.getSeconds() + " s");
                Thread.sleep(BASELINE.toMillis());
                try {
                    scenario.run(c);
                } finally {
                    if (c.responder != null) {
                        c.responder.recording().close();
                    }
                }
                Thread.sleep(3000);
                store.flush();
                String labLog = "Recorded by the Incident Workbench incident lab (" + getClass().getName() + ") on a loopback "
                        + "OpenSSH server (" + server.address() + ", user " + server.user() + ").\n"
                        + "The lab caused the fault with the commands below; the journal holds only what the scripted "
                        + "responder did through the product.\n\n" + c.lab.takeLog();
                String id = c.responder.recording().id();
                sealed = incidents.seal(id, new StoreMetricSlices(store),
                        List.of(new Attachment("lab-scenario.txt", labLog.getBytes(StandardCharsets.UTF_8))));
            }
            VerificationReport report = BundleVerifier.verify(sealed.bundle());
            if (!report.ok()) {
                throw new IllegalStateException(report.describe());
            }
            Path target = out.resolve(name + ".iwbundle");
            Files.copy(sealed.bundle(), target, StandardCopyOption.REPLACE_EXISTING);
            System.err.println("  sealed " + target + ": " + sealed.manifest().eventCount() + " events, "
                    + (sealed.manifest().entries().size() - 2) + " metric series, " + Files.size(target) + " bytes");
        }
    }

    // ---- the five incidents

    private void diskFull(Context c) throws Exception {
        String mnt = "/srv/iw-lab/exports";
        c.lab.run("mkdir -p " + mnt + " && mount -t tmpfs -o size=64m iw-lab-exports " + mnt);
        String writer = null;
        try {
            c.lab.comment("an export job writes a 1 MiB file every 0.4 s and never removes old ones");
            writer = c.lab.run("nohup sh -c 'i=0; while [ $i -lt 70 ]; do dd if=/dev/zero of=" + mnt
                    + "/export-$(printf %03d $i).csv bs=1M count=1 status=none 2>/dev/null; i=$((i+1)); sleep 0.4; done' "
                    + ">/dev/null 2>&1 & echo $!");
            c.lab.waitUntil("df -P " + mnt + " | awk 'NR==2 {print $5}'", s -> LabHost.number(s) >= 97, Duration.ofMinutes(2));

            Responder r = c.open("Nightly export fails: no space left", "SEV-3",
                    "The export job on " + HOST + " reports write errors.");
            r.note("The export job's last runs ended with write errors.", "detection");
            r.run("dd if=/dev/zero of=" + mnt + "/write-test bs=1M count=4 status=none; echo exit=$?; rm -f " + mnt + "/write-test");
            Responder.expectFinding(r.triage(), "fs.full");
            r.chart(SampleMetrics.FS_USED_PCT, Duration.ofMinutes(5));
            r.run("df -h " + mnt);
            String h = r.hypothesis("Old export files are never removed and filled " + mnt);
            String listing = r.run("ls " + mnt + " | wc -l; du -xsh " + mnt + "/* | sort -h | tail -3");
            c.lab.run("kill " + writer + " 2>/dev/null; true");
            writer = null;
            r.confirm(h, listing.lines().findFirst().orElse("?").strip() + " export files of 1 MiB, none ever removed");
            String after = r.act("Deleted all but the newest 10 exports", "ls -1 " + mnt + "/export-*.csv | head -n -10 | xargs rm -f",
                    "df -P " + mnt + " | awk 'NR==2 {print $5 \" used\"}'");
            r.marker("mitigated");
            r.triage();
            r.note("Triage named the full filesystem on the first try.", "went-well");
            r.note("Nothing warned before the filesystem was full, though it filled steadily for half a minute.", "went-wrong");
            r.note("Keep the last 10 exports (rotate in the export job).", "action-item");
            r.note("Alert on fs.used_pct above 85 % for " + mnt + ".", "action-item");
            c.responder.recording().record(c.closing(
                    "The export filesystem on " + HOST + " filled up and the export job failed.",
                    "Exports failed until old ones were deleted; nothing else uses the filesystem.",
                    "The export job keeps every export it writes; nothing rotates them.",
                    "Exports accumulating until the 64 MiB filesystem was full.",
                    "Deleted all but the newest 10 exports; the filesystem is at " + after + ".",
                    "The export job's write errors."));
        } finally {
            if (writer != null) {
                c.lab.quietly("kill " + writer);
            }
            c.lab.quietly("umount " + mnt + "; rmdir " + mnt + " /srv/iw-lab 2>/dev/null; true");
        }
    }

    private void cpuHog(Context c) throws Exception {
        List<String> pids = new ArrayList<>();
        try {
            c.lab.comment("two report-builder busy loops, one per core (a 240 s timeout as a safety net)");
            for (int i = 0; i < 2; i++) {
                pids.add(c.lab.run("nohup timeout 240 perl -e '$0 = \"report-builder --month \" . (10 + " + i
                        + "); 1 while 1' >/dev/null 2>&1 & echo $!"));
            }
            Thread.sleep(40_000);

            Responder r = c.open("API latency up on " + HOST, "SEV-2", "p99 latency of the API on " + HOST + " tripled.");
            r.note("Latency alert fired; the host answers slowly over SSH too.", "detection");
            Responder.expectFinding(r.triage(), "load.per-core");
            r.chart(SampleMetrics.LOAD_1, Duration.ofMinutes(5));
            r.chart(SampleMetrics.CPU_USER, Duration.ofMinutes(5));
            String vmstat = r.run("vmstat 1 2");
            double[] cpu = vmstatCpu(vmstat);
            double user = cpu[0];
            double iowait = cpu[1];
            if (iowait < 10) {
                String io = r.hypothesis("The disks are slow and tasks wait on I/O");
                r.reject(io, "vmstat shows " + LabHost.format(iowait) + " % iowait against " + LabHost.format(user) + " % user time");
            }
            r.run("top -b -n 1 -w 200 | head -15");
            r.run("ps -eo pid,ni,pcpu,etimes,args --sort=-pcpu | head -8");
            String h = r.hypothesis("Runaway report-builder processes keep the CPUs busy");
            List<String> builders = r.run("ps -eo pcpu,etimes,args --sort=-pcpu | awk '$3 == \"report-builder\"'").lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (builders.isEmpty()) {
                throw new IllegalStateException("ps shows no report-builder process, so this recording is abandoned.");
            }
            r.confirm(h, builders.size() + " report-builder processes, busy since they started ("
                    + String.join("; ", builders.stream().map(l -> l.split("\\s+")[0] + " % CPU over " + l.split("\\s+")[1] + " s").toList())
                    + ") without I/O, on a host whose other work needs the same CPUs");
            r.act("Stopped the report-builder processes", "kill " + String.join(" ", pids),
                    "sleep 1; echo $(ps -eo args | grep -c '^report-builder') report-builder processes left");
            pids.clear();
            r.marker("mitigated");
            Responder.pause(Duration.ofSeconds(20));
            r.chart(SampleMetrics.CPU_USER, Duration.ofMinutes(5));
            r.triage();
            r.note("The load average falls slowly after the fix; cpu.user shows the change at once.", "went-wrong");
            r.note("ps sorted by CPU with elapsed time told the long-running loops from short jobs.", "went-well");
            r.note("Run report-builder on the batch host, with a CPU quota.", "action-item");
            c.responder.recording().record(c.closing(
                    "Runaway report-builder processes competed for both CPUs of " + HOST + ".",
                    "API latency rose for a few minutes; no errors.",
                    "report-builder jobs run on the API host without a CPU quota and loop forever on a bad month.",
                    "Two report-builder runs started together.",
                    "Killed the report-builder processes.",
                    "The API latency alert."));
        } finally {
            if (!pids.isEmpty()) {
                c.lab.quietly("kill " + String.join(" ", pids));
            }
        }
    }

    /** User and iowait percentages from the last line of {@code vmstat 1 2} (us at column 13, wa at 16). */
    static double[] vmstatCpu(String vmstat) {
        List<String> lines = vmstat.lines().filter(l -> !l.isBlank()).toList();
        String[] f = lines.get(lines.size() - 1).strip().split("\\s+");
        try {
            return new double[] {Double.parseDouble(f[12]), Double.parseDouble(f[15])};
        } catch (RuntimeException e) {
            throw new IllegalStateException("vmstat printed something the lab cannot read: " + vmstat, e);
        }
    }

    private void memoryLeak(Context c) throws Exception {
        String cg = "/sys/fs/cgroup/memory/iw-lab-session-cache";
        c.lab.run("mkdir -p " + cg + " && echo 805306368 > " + cg + "/memory.limit_in_bytes");
        String pid = null;
        try {
            c.lab.comment("session-cache leaks 16 MiB/s inside a 768 MiB memory cgroup until the OOM killer ends it");
            pid = c.lab.run("nohup sh -c 'echo $$ > " + cg + "/cgroup.procs; exec perl -e '\\''$0 = \"session-cache --port 7700\"; "
                    + "my @kept; while (1) { push @kept, \"x\" x (8 << 20); select(undef, undef, undef, 0.5) }'\\''' "
                    + ">/dev/null 2>&1 & echo $!");
            c.lab.waitUntil("cat " + cg + "/memory.usage_in_bytes", s -> LabHost.number(s) > 250e6, Duration.ofSeconds(60));

            Responder r = c.open("session-cache memory keeps growing", "SEV-3",
                    "session-cache on " + HOST + " passed its 250 MiB RSS alert.");
            r.note("RSS alert for session-cache.", "detection");
            r.triage();
            String first = r.run("ps -o rss=,etimes=,args= -p " + pid);
            r.chart(SampleMetrics.MEMORY_USED, Duration.ofMinutes(5));
            String h = r.hypothesis("session-cache leaks memory steadily");
            String second = r.run("ps -o rss=,etimes=,args= -p " + pid);
            String growth = growth(first, second);
            r.run("ps -eo pid,rss,vsz,etimes,args --sort=-rss | head -4");
            c.lab.waitUntil("cat " + cg + "/cgroup.procs | wc -l", s -> LabHost.number(s) == 0, Duration.ofSeconds(90));
            pid = null;
            r.note("session-cache is gone from the process list.", "impact");
            Responder.expectFinding(r.triage(), "logs.oom-kill");
            String dmesg = r.run("dmesg -T | grep -iE 'killed process' | tail -3");
            // the kernel logs the machine-wide PID; the lab's shell sees the namespace's, so match the name
            if (!dmesg.contains("(session-cache")) {
                throw new IllegalStateException("dmesg shows no OOM kill of session-cache, so this recording is abandoned:\n" + dmesg);
            }
            r.chart(SampleMetrics.MEMORY_USED, Duration.ofMinutes(5));
            r.confirm(h, "its RSS grew " + growth + " until the kernel's OOM killer ended it at its memory cgroup limit (dmesg)");
            r.act("Removed session-cache's cgroup and left the service stopped until the leak is fixed", "rmdir " + cg,
                    "test -d " + cg + " && echo cgroup still there || echo cgroup removed");
            r.note("The memory cgroup limit kept the leak from starving the rest of the host.", "went-well");
            r.note("The RSS alert fired less than a minute before the OOM kill.", "went-wrong");
            r.note("Fix the leak: session-cache keeps every entry forever.", "action-item");
            c.responder.recording().record(c.closing(
                    "session-cache leaked memory until the OOM killer ended it at its cgroup limit.",
                    "Sessions held by session-cache were lost when it was killed.",
                    "session-cache never evicts entries.",
                    "Normal traffic: the leak grows with every request.",
                    "The OOM killer stopped it; the service stays down until the fix.",
                    "The RSS alert at 250 MiB."));
        } finally {
            if (pid != null) {
                c.lab.quietly("kill " + pid);
            }
            c.lab.quietly("sleep 1; rmdir " + cg + " 2>/dev/null; true");
        }
    }

    /** "about N MiB/s (...)" from two {@code ps -o rss=,etimes=} lines. */
    static String growth(String first, String second) {
        String[] a = first.strip().split("\\s+");
        String[] b = second.strip().split("\\s+");
        try {
            double kib = Double.parseDouble(b[0]) - Double.parseDouble(a[0]);
            double seconds = Double.parseDouble(b[1]) - Double.parseDouble(a[1]);
            return "about " + LabHost.format(kib / 1024 / Math.max(1, seconds)) + " MiB/s (" + LabHost.format(kib / 1024) + " MiB in "
                    + LabHost.format(seconds) + " s)";
        } catch (RuntimeException e) {
            return "steadily";
        }
    }

    private void logFlood(Context c) throws Exception {
        String mnt = "/srv/iw-lab/logs";
        c.lab.run("mkdir -p " + mnt + " && mount -t tmpfs -o size=48m iw-lab-logs " + mnt);
        String pid = null;
        try {
            c.lab.comment("payment-api logs every retry at ERROR, about 1 MB/s, onto a 48 MiB log filesystem");
            pid = c.lab.run("nohup perl -e 'use IO::Handle; $0 = \"payment-api --workers 4\"; open(my $f, \">>\", \"" + mnt
                    + "/payment-api.log\") or die; $f->autoflush(1); my $n = 0; while (1) { $n++; "
                    + "printf $f \"%s ERROR payment-api: upstream card-processor timed out after 30000 ms (order %d, attempt %d)\\n\", "
                    + "scalar(gmtime), 100000 + $n, $n % 5 + 1 or select(undef, undef, undef, 0.1); "
                    + "select(undef, undef, undef, 0.005) if $n % 50 == 0 }' >/dev/null 2>&1 & echo $!");
            c.lab.waitUntil("df -P " + mnt + " | awk 'NR==2 {print $5}'", s -> LabHost.number(s) >= 97, Duration.ofMinutes(2));

            Responder r = c.open("payment-api: log volume full", "SEV-2", "Disk alert for " + mnt + " on " + HOST + ".");
            r.note("Disk alert: " + mnt + " above 95 %.", "detection");
            Responder.expectFinding(r.triage(), "fs.full");
            r.chart(SampleMetrics.FS_USED_PCT, Duration.ofMinutes(5));
            r.run("ls -la " + mnt);
            r.run("tail -n 3 " + mnt + "/payment-api.log");
            String h = r.hypothesis("payment-api logs every retry at ERROR and floods its log filesystem");
            String counts = r.run("wc -l < " + mnt + "/payment-api.log; awk '{print $6, $7, $8, $9}' " + mnt
                    + "/payment-api.log | sort | uniq -c | sort -rn | head -3");
            List<String> lines = counts.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            r.confirm(h, (lines.size() >= 2 ? lines.get(1).split("\\s+")[0] + " of " + lines.get(0) + " lines" : "every line")
                    + " are the same card-processor timeout, one per retry");
            String after = r.act("Stopped the flooding payment-api worker and truncated its log",
                    "kill " + pid + "; : > " + mnt + "/payment-api.log", "df -P " + mnt + " | awk 'NR==2 {print $5 \" used\"}'");
            pid = null;
            r.marker("mitigated");
            r.triage();
            r.note("Log at WARNING once per order, not per retry.", "action-item");
            r.note("Rate-limit repeated log lines.", "action-item");
            r.note("The log volume is separate from the data volume, so only logging broke.", "got-lucky");
            c.responder.recording().record(c.closing(
                    "payment-api's retry logging filled its log filesystem on " + HOST + ".",
                    "New log lines were lost while the volume was full.",
                    "payment-api logs every retry at ERROR with no rate limit.",
                    "The card processor timing out.",
                    "Stopped the flooding worker and truncated the log; the volume is at " + after + ".",
                    "The disk alert on the log volume."));
        } finally {
            if (pid != null) {
                c.lab.quietly("kill " + pid);
            }
            c.lab.quietly("umount " + mnt + "; rmdir " + mnt + " /srv/iw-lab 2>/dev/null; true");
        }
    }

    private void closeWaitLeak(Context c) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String server = null;
        String clients = null;
        try {
            c.lab.comment("inventory-api on 127.0.0.1:" + port + " accepts connections and never closes them; clients hang up");
            server = c.lab.run("nohup perl -e 'use IO::Socket::INET; $0 = \"inventory-api --port " + port + "\"; "
                    + "my $s = IO::Socket::INET->new(LocalAddr => \"127.0.0.1\", LocalPort => " + port
                    + ", Listen => 1024, ReuseAddr => 1) or die \"listen: $!\"; my @open; while (my $c = $s->accept) { push @open, $c }' "
                    + ">/dev/null 2>&1 & echo $!");
            Thread.sleep(1000);
            clients = c.lab.run("nohup perl -e 'use IO::Socket::INET; for my $i (1 .. 150) { my $c = IO::Socket::INET->new("
                    + "PeerAddr => \"127.0.0.1\", PeerPort => " + port + ", Timeout => 2) or next; "
                    + "print $c \"GET /stock/$i HTTP/1.0\\r\\n\\r\\n\"; close $c; select(undef, undef, undef, 0.2) }' "
                    + ">/dev/null 2>&1 & echo $!");
            String sockets = "ss -tan state close-wait '( sport = :" + port + " )' | tail -n +2 | wc -l";
            c.lab.waitUntil(sockets, s -> LabHost.number(s) >= 60, Duration.ofSeconds(90));

            Responder r = c.open("inventory-api stops answering", "SEV-2", "Checkout cannot read stock levels from inventory-api.");
            r.note("Health check of inventory-api times out.", "detection");
            Responder.expectFinding(r.triage(), "net.close-wait");
            r.run("ss -tanp state close-wait | head -5");
            r.chart(SampleMetrics.NET_RX_PACKETS, Duration.ofMinutes(5));
            String h = r.hypothesis("inventory-api never closes the connections its clients closed");
            List<String> counts = r.run("ss -tan state close-wait | tail -n +2 | wc -l; " + sockets + "; ls /proc/" + server
                    + "/fd | wc -l").lines().map(String::strip).toList();
            r.confirm(h, counts.get(1) + " of the " + counts.get(0) + " CLOSE-WAIT sockets are on inventory-api's port " + port
                    + ", and it holds " + counts.get(2) + " open descriptors");
            r.act("Stopped inventory-api to release its sockets", "kill " + server,
                    "sleep 1; echo $(" + sockets + ") CLOSE-WAIT sockets left on port " + port);
            server = null;
            r.marker("mitigated");
            r.triage();
            r.note("The CLOSE-WAIT finding pointed at the application rather than the network.", "went-well");
            r.note("Close the connection in inventory-api when the client hangs up (read returns 0).", "action-item");
            c.responder.recording().record(c.closing(
                    "inventory-api leaked sockets in CLOSE-WAIT until it stopped answering.",
                    "Checkout could not show stock levels until inventory-api was stopped.",
                    "inventory-api never closes a connection after its client hangs up.",
                    "Clients that close their connections after each request.",
                    "Stopped inventory-api, which released its sockets.",
                    "The inventory-api health check."));
        } finally {
            if (clients != null) {
                c.lab.quietly("kill " + clients + " 2>/dev/null; true");
            }
            if (server != null) {
                c.lab.quietly("kill " + server);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- the samples' index

    private void writeIndex() throws IOException {
        ArrayNode index = Json.mapper().createArrayNode();
        try (var files = Files.list(out)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".iwbundle")).sorted().toList()) {
                IncidentBundle b = IncidentBundle.open(p);
                ObjectNode e = index.addObject();
                e.put("file", p.getFileName().toString());
                e.put("title", b.manifest().title());
                e.put("severity", b.manifest().severity());
                e.put("start", b.manifest().start().toString());
                e.put("durationSeconds", b.manifest().duration().getSeconds());
                e.put("events", b.manifest().eventCount());
                e.put("metricSeries", b.metrics().size());
                e.put("bytes", Files.size(p));
            }
        }
        Files.writeString(out.resolve("index.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n");
    }
}
