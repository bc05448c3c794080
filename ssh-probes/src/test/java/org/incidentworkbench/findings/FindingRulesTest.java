package org.incidentworkbench.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.incidentworkbench.parse.Sections;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One nested class per rule: the rule fires on real (or lowered-threshold) data and stays quiet on a calm host. */
class FindingRulesTest {

    @Nested
    class LoadPerCore {
        @Test
        void loadAboveTwicePerCoreIsCritical() {
            String text = Reports.read("jc/inline/uptime-0-user.out") + Sections.marker("nproc") + "\n2\n";
            List<Finding> f = Reports.rule(Reports.builder().probe("uptime", text).evaluate(), "load.per-core");
            assertEquals(1, f.size());
            assertEquals(Severity.CRITICAL, f.get(0).severity());
            assertTrue(f.get(0).evidence().contains("3.94, 4.43, 2.75") && f.get(0).evidence().contains("2 cores"), f.get(0).evidence());
        }

        @Test
        void coresFromIostatWhenNprocIsMissing() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("uptime", "jc/inline/uptime-0-user.out")
                    .fixture("iostat", "debian-12/iostat-dxk-1-2.out").evaluate(), "load.per-core");
            assertTrue(f.get(0).evidence().contains("on 2 cores"), f.get(0).evidence());
        }

        @Test
        void calmHostAndUnknownCoresSayNothing() {
            String calm = Reports.read("debian-12/uptime.out") + Sections.marker("nproc") + "\n2\n";
            assertEquals(List.of(), Reports.rule(Reports.builder().probe("uptime", calm).evaluate(), "load.per-core"));
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("uptime", "jc/inline/uptime-0-user.out").evaluate(),
                    "load.per-core"), "without nproc the load cannot be judged");
        }
    }

    @Nested
    class FilesystemFull {
        @Test
        void rootAtTwentyTwoPercentFiresOnlyWithALowThreshold() {
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("df", "debian-12/df-PTk.out").evaluate(), "fs.full"));
            List<Finding> f = Reports.rule(Reports.builder().fixture("df", "debian-12/df-PTk.out")
                    .evaluate(new FilesystemFullRule(new FilesystemFullRule.Limits(20, 95))), "fs.full");
            assertEquals(1, f.size());
            assertEquals("/ is 22 % full", f.get(0).title());
            assertEquals(Severity.WARNING, f.get(0).severity());
        }

        @Test
        void nearlyFullIsCriticalAndImagesAreSkipped() {
            String df = """
                    Filesystem     Type     1024-blocks     Used Available Capacity Mounted on
                    /dev/sda1      ext4        10000000  9700000    300000      97% /var
                    /dev/loop3     squashfs       56064    56064         0     100% /snap/core18/2128
                    """;
            List<Finding> f = Reports.rule(Reports.builder().probe("df", df).evaluate(), "fs.full");
            assertEquals(1, f.size());
            assertEquals(Severity.CRITICAL, f.get(0).severity());
            assertTrue(f.get(0).evidence().contains("292.97 MiB".substring(0, 3)) || f.get(0).evidence().contains("MiB"), f.get(0).evidence());
        }
    }

    @Nested
    class LiveFullTmpfs {
        @Test
        void spaceAndInodesOfAFullTmpfs() {
            List<Finding> all = Reports.builder().fixture("df", "debian-12/df-PTk--with-df-Pi-space-and-inodes-full.out").evaluate();
            Finding space = Reports.rule(all, "fs.full").get(0);
            assertEquals("/tmp/iw-parsers-full is 100 % full", space.title());
            assertEquals(Severity.CRITICAL, space.severity());
            assertTrue(space.evidence().startsWith("100 % used, 0 B of 1.0 MiB available (iw-parsers-full, tmpfs)"), space.evidence());
            Finding inodes = Reports.rule(all, "fs.inodes").get(0);
            assertEquals("/tmp/iw-parsers-full has used 100 % of its inodes", inodes.title());
            assertEquals(1, Reports.rule(all, "fs.full").size());
        }
    }

    @Nested
    class InodesFull {
        @Test
        void inodeSectionNearlyFull() {
            String df = Reports.read("debian-12/df-PTk.out") + Sections.marker("df -Pi") + "\n"
                    + Reports.read("debian-12/df-Pi.out").replace("16777216 412290 16364926    3%", "16777216 16200000 577216   97%");
            List<Finding> f = Reports.rule(Reports.builder().probe("df", df).evaluate(), "fs.inodes");
            assertEquals(1, f.size());
            assertEquals(Severity.CRITICAL, f.get(0).severity());
            assertTrue(f.get(0).evidence().startsWith("16200000 of 16777216"), f.get(0).evidence());
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("df", "debian-12/df-Pi.out").evaluate(), "fs.inodes"));
        }
    }

    private static String top(String cpu, String mem, String swap) {
        return "top - 10:00:00 up 1 day,  1 user,  load average: 0.50, 0.50, 0.50\n"
                + "Tasks: 100 total,   1 running,  99 sleeping,   0 stopped,   0 zombie\n"
                + "%Cpu(s): " + cpu + "\n" + mem + "\n" + swap + "\n\n"
                + "    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n"
                + "      1 root      20   0  167000  12000   9000 S   0.0   0.1   0:05.00 systemd\n";
    }

    private static final String CALM_CPU = " 2.0 us,  1.0 sy,  0.0 ni, 97.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st";
    private static final String MEM_OK = "MiB Mem :  16000.0 total,   8000.0 free,   4000.0 used,   4000.0 buff/cache";
    private static final String SWAP_OK = "MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.  11000.0 avail Mem";

    @Nested
    class MemoryPressure {
        @Test
        void fiveAndTenPercentBoundaries() {
            String low = "MiB Swap:   2048.0 total,    548.0 free,   1500.0 used.    600.0 avail Mem";
            List<Finding> crit = Reports.rule(Reports.builder().probe("top", top(CALM_CPU, MEM_OK, low)).evaluate(), "mem.available");
            assertEquals(Severity.CRITICAL, crit.get(0).severity());
            assertTrue(crit.get(0).evidence().contains("1.5 GiB of 2.0 GiB swap in use"), crit.get(0).evidence());
            String tight = "MiB Swap:      0.0 total,      0.0 free,      0.0 used.   1200.0 avail Mem";
            List<Finding> warn = Reports.rule(Reports.builder().probe("top", top(CALM_CPU, MEM_OK, tight)).evaluate(), "mem.available");
            assertEquals(Severity.WARNING, warn.get(0).severity());
            assertTrue(warn.get(0).evidence().contains("no swap configured"));
        }

        @Test
        void debianSampleHasPlenty() {
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("top", "debian-12/top-b-n1.out").evaluate(), "mem.available"));
        }
    }

    @Nested
    class CpuIowaitAndSteal {
        @Test
        void highIowaitAndStealFromTop() {
            String cpu = "10.0 us,  5.0 sy,  0.0 ni, 25.0 id, 35.0 wa,  0.0 hi,  0.0 si, 25.0 st";
            List<Finding> all = Reports.builder().probe("top", top(cpu, MEM_OK, SWAP_OK)).evaluate();
            assertEquals(1, Reports.rule(all, "cpu.iowait").size());
            assertEquals(1, Reports.rule(all, "cpu.steal").size());
            assertTrue(Reports.rule(all, "cpu.steal").get(0).title().contains("25.0 %"));
        }

        @Test
        void saturatedCpusNameTheirConsumers() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("top", "debian-12/top-b-n1.out").evaluate(), "cpu.busy");
            assertEquals("CPUs are 100.0 % busy", f.get(0).title());
            assertTrue(f.get(0).evidence().contains("top consumers: 6 yes 93.8 %, 10 dd 93.8 %"), f.get(0).evidence());
            assertEquals(List.of(), Reports.rule(Reports.builder().probe("top", top(CALM_CPU, MEM_OK, SWAP_OK)).evaluate(), "cpu.busy"));
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("top", "debian-12/proc-stat--top-fallback.out")
                    .evaluate(new CpuBusyRule(new CpuBusyRule.Limits(100.0))), "cpu.busy"), "since-boot averages are not judged");
        }

        @Test
        void iostatAvgCpuWhenTopIsMissing() {
            String iostat = Reports.read("debian-12/iostat-x.out").replace(
                    "17.64    0.00    3.15    0.35    0.10   78.75", "17.64    0.00    3.15   41.00    0.10   38.10");
            List<Finding> f = Reports.rule(Reports.builder().probe("iostat", iostat).evaluate(), "cpu.iowait");
            assertEquals("iostat", f.get(0).probe());
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("iostat", "debian-12/iostat-x.out").evaluate(), "cpu.iowait"));
        }

        @Test
        void procFallbackSaysSinceBoot() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("top", "debian-12/proc-stat--top-fallback.out")
                    .evaluate(new CpuIowaitRule(new CpuIowaitRule.Limits(0.0))), "cpu.iowait");
            assertTrue(f.get(0).evidence().contains("since boot"), f.get(0).evidence());
        }
    }

    @Nested
    class DeviceSaturation {
        @Test
        void busyWriterAtSeventyThreePercent() {
            String busy = "debian-12/iostat-dxk-1-2--busy-writer.out";
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("iostat", busy).evaluate(), "disk.saturation"));
            List<Finding> f = Reports.rule(Reports.builder().fixture("iostat", busy)
                    .evaluate(new DeviceSaturationRule(new DeviceSaturationRule.Limits(70.0, 50, 500))), "disk.saturation");
            assertEquals("vda is busy 72.8 % of the time", f.get(0).title());
        }

        @Test
        void longAwaitIsCritical() {
            String iostat = """
                    Device:         rrqm/s   wrqm/s     r/s     w/s    rkB/s    wkB/s avgrq-sz avgqu-sz   await r_await w_await  svctm  %util
                    sdb               0.00     0.00   12.00   30.00    48.00   120.00     8.00    30.00  712.00  650.00  736.00  23.00  98.00
                    sdc               0.00     0.00    0.00    0.20     0.00     0.80     8.00     0.00  900.00    0.00  900.00   1.00   0.02
                    """;
            List<Finding> f = Reports.rule(Reports.builder().probe("iostat", iostat).evaluate(), "disk.saturation");
            assertEquals(1, f.size(), "sdc's one slow request in an idle second is not judged: " + f);
            assertEquals(Severity.CRITICAL, f.get(0).severity());
            assertEquals("sdb is saturated and slow", f.get(0).title());
        }
    }

    @Nested
    class DStateAndZombies {
        @Test
        void liveCaptureWithTwoDStateAndFourZombies() {
            List<Finding> all = Reports.builder().fixture("ps", "debian-12/ps-eo--probe-d-state-zombies.out").evaluate();
            Finding d = Reports.rule(all, "proc.d-state").get(0);
            assertEquals(Severity.INFO, d.severity());
            assertTrue(d.title().startsWith("2 processes"), d.title());
            Finding z = Reports.rule(all, "proc.zombies").get(0);
            assertTrue(z.evidence().startsWith("4 of parent 32230 python3"), z.evidence());
            List<Finding> strict = Reports.builder().fixture("ps", "debian-12/ps-eo--probe-d-state-zombies.out")
                    .evaluate(new DStateRule(new DStateRule.Limits(2)), new ZombiesRule(new ZombiesRule.Limits(4)));
            assertEquals(Severity.WARNING, Reports.rule(strict, "proc.d-state").get(0).severity());
            assertEquals(Severity.WARNING, Reports.rule(strict, "proc.zombies").get(0).severity());
        }

        @Test
        void topListsDStateWhenPsIsMissing() {
            String top = Reports.read("debian-12/top-b-n1.out").replace(
                    "     12 root      20   0    2920   1684   1576 S ", "     12 root      20   0    2920   1684   1576 D ");
            List<Finding> f = Reports.rule(Reports.builder().probe("top", top).evaluate(), "proc.d-state");
            assertEquals("top", f.get(0).probe());
            assertTrue(f.get(0).evidence().startsWith("12 sleep"), f.get(0).evidence());
        }

        @Test
        void topCountsZombiesWhenPsIsMissing() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("top", "debian-12/top-b-n1.out").evaluate(), "proc.zombies");
            assertEquals("top", f.get(0).probe());
            assertEquals(Severity.INFO, f.get(0).severity());
        }
    }

    @Nested
    class RunawayProcess {
        @Test
        void topSampleShowsYesAndDd() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("top", "debian-12/top-b-n1.out")
                    .fixture("ps", "debian-12/ps-eo.out").evaluate(), "proc.cpu");
            assertEquals(2, f.size());
            assertTrue(f.get(0).title().contains("(yes)") && f.get(1).title().contains("(dd)"), f.toString());
        }

        @Test
        void psLifetimeAverageWhenTopIsMissing() {
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("ps", "debian-12/ps-eo.out").evaluate(), "proc.cpu"));
            List<Finding> f = Reports.rule(Reports.builder().fixture("ps", "debian-12/ps-eo.out")
                    .evaluate(new RunawayProcessRule(new RunawayProcessRule.Limits(80.0, 50))), "proc.cpu");
            assertEquals(2, f.size());
            assertTrue(f.get(0).evidence().contains("lifetime"));
        }

        @Test
        void memoryHog() {
            String ps = """
                    PID    PPID USER     STAT %CPU %MEM   RSS    VSZ ELAPSED COMMAND         COMMAND
                    4242      1 app      Sl    3.0 71.5 11718304 20000000 86400 java       /usr/bin/java -jar app.jar
                    """;
            List<Finding> f = Reports.rule(Reports.builder().probe("ps", ps).evaluate(), "proc.memory");
            assertEquals("Process 4242 (java) holds 71.5 % of memory", f.get(0).title());
        }
    }

    @Nested
    class Sockets {
        @Test
        void liveCloseWaitLeak() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("ss", "debian-12/ss-s--with-ss-tanp-close-wait-time-wait.out").evaluate(),
                    "net.close-wait");
            assertEquals("25 sockets in CLOSE-WAIT", f.get(0).title());
            assertTrue(f.get(0).evidence().startsWith("25 python3 (pid "), f.get(0).evidence());
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("ss", "debian-12/ss-tanp.out").evaluate(), "net.close-wait"));
        }

        @Test
        void procNetTcpSeesTheSameLeak() {
            assertEquals(1, Reports.rule(Reports.builder().fixture("ss", "debian-12/proc-net-tcp--close-wait.out").evaluate(),
                    "net.close-wait").size());
        }

        @Test
        void timeWaitFromTheSummary() {
            String probe = "debian-12/ss-s--with-ss-tanp-close-wait-time-wait.out";
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("ss", probe).evaluate(), "net.time-wait"));
            List<Finding> f = Reports.rule(Reports.builder().fixture("ss", probe).evaluate(new TimeWaitRule(new TimeWaitRule.Limits(50))), "net.time-wait");
            assertEquals("53 sockets in TIME-WAIT", f.get(0).title());
        }
    }

    @Nested
    class NicErrors {
        @Test
        void errorsAndDrops() {
            String ip = """
                    2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
                        link/ether 52:54:00:12:34:56 brd ff:ff:ff:ff:ff:ff
                        RX:  bytes packets errors dropped  missed   mcast
                         987654321 1000000     12       0       0       0
                        TX:  bytes packets errors dropped carrier collsns
                         123456789  900000      0       0       0       0
                    3: eth1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
                        link/ether 52:54:00:12:34:57 brd ff:ff:ff:ff:ff:ff
                        RX:  bytes packets errors dropped  missed   mcast
                         987654321  100000      0    5000       0       0
                        TX:  bytes packets errors dropped carrier collsns
                         123456789  100000      0       0       0       0
                    """;
            List<Finding> f = Reports.rule(Reports.builder().probe("ip", ip).evaluate(), "net.nic-errors");
            assertEquals(2, f.size());
            assertEquals("eth0 has 12 packet errors", f.get(0).title());
            assertEquals("eth1 drops 2.5 % of packets", f.get(1).title());
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("ip", "debian-12/ip-s-addr--with-ip-route-section.out").evaluate(),
                    "net.nic-errors"));
        }
    }

    @Nested
    class LogErrors {
        @Test
        void liveSegfault() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("logs", "debian-12/logs--probe-no-journal-segfault.out").evaluate(),
                    "logs.segfault");
            assertEquals(Severity.WARNING, f.get(0).severity());
            assertTrue(f.get(0).evidence().contains("python3[32302]") || f.get(0).evidence().contains("segfault at 0"), f.get(0).evidence());
        }

        @Test
        void oomKillAndIoErrorAreCritical() {
            String logs = Sections.marker("dmesg") + "\n"
                    + "[Wed Nov 25 07:01:02 2026] Out of memory: Killed process 4242 (java) total-vm:8123456kB, anon-rss:6012345kB\n"
                    + "[Wed Nov 25 07:03:00 2026] blk_update_request: I/O error, dev sdb, sector 123456 op 0x0:(READ)\n";
            List<Finding> all = Reports.builder().probe("logs", logs).evaluate();
            assertEquals(Severity.CRITICAL, Reports.rule(all, "logs.oom-kill").get(0).severity());
            assertTrue(Reports.rule(all, "logs.oom-kill").get(0).evidence().startsWith("latest at Wed Nov 25 07:01:02 2026"));
            assertEquals(Severity.CRITICAL, Reports.rule(all, "logs.io-error").get(0).severity());
        }
    }

    @Nested
    class LogAgeMatters {
        // the reports start at 2026-11-25T07:00:00Z; this host's clock says 10:00:00 (UTC+3)
        private final String uptime = " 10:00:00 up 1 day,  0 users,  load average: 0.10, 0.10, 0.10\n"
                + Sections.marker("/proc/uptime") + "\n90000.00 170000.00\n";

        private List<Finding> oom(String dmesgLine) {
            return Reports.rule(Reports.builder().probe("uptime", uptime)
                    .probe("logs", Sections.marker("dmesg") + "\n" + dmesgLine + "\n").evaluate(), "logs.oom-kill");
        }

        @Test
        void recentDmesgTimeIsCritical() {
            Finding f = oom("[Wed Nov 25 09:55:00 2026] Out of memory: Killed process 42 (java)").get(0);
            assertEquals(Severity.CRITICAL, f.severity());
            assertEquals("1 process was killed for lack of memory, latest 5 min ago", f.title());
            assertEquals(java.util.Optional.of(java.time.Duration.ofMinutes(5)), f.since());
            assertFalse(f.beforeTriage());
        }

        @Test
        void pastedJournalFormatsWithFractionsAndRfc5424HaveAnAge() {
            // journalctl -o short-precise (host local time) and RFC 5424 (with offset): the same 5 minutes
            for (String line : List.of("Nov 25 09:55:00.734233 web-1 kernel: Out of memory: Killed process 42 (java)",
                    "<2>1 2026-11-25T06:55:00.354530+00:00 web-1 kernel - - - Out of memory: Killed process 42 (java)")) {
                Finding f = Reports.rule(Reports.builder().probe("uptime", uptime)
                        .probe("logs", Sections.marker("/var/log/syslog") + "\n" + line + "\n").evaluate(), "logs.oom-kill").get(0);
                java.time.Duration off = f.since().orElseThrow().minus(java.time.Duration.ofMinutes(5)).abs();
                assertTrue(off.toMillis() < 1000, line + ": " + f.since());
            }
        }

        @Test
        void anOomKillFromBeforeTheObservationWindowIsAWarningBeforeThisTriage() {
            // the ranking's recency: 30 minutes ago, with no previous triage (window 10 min), is not what happens now
            Finding f = oom("[Wed Nov 25 09:30:00 2026] Out of memory: Killed process 42 (java)").get(0);
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("1 process was killed for lack of memory, latest 30 min ago, before this triage", f.title());
            assertTrue(f.beforeTriage());
        }

        @Test
        void lastWeeksOomKillIsAWarning() {
            Finding f = oom("[Tue Nov 17 09:30:00 2026] Out of memory: Killed process 42 (java)").get(0);
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.title().endsWith("latest 8.0 days ago, before this triage"), f.title());
        }

        @Test
        void rawDmesgSecondsAgainstProcUptime() {
            Finding f = oom("[  873.114402] Out of memory: Killed process 42 (java)").get(0);
            assertEquals(Severity.WARNING, f.severity(), "89127 s = 24.8 h before the triage");
            assertTrue(f.evidence().contains("(24.8 h before the triage)"), f.evidence());
        }

        @Test
        void journalTimesCarryTheirOffset() {
            Finding f = Reports.rule(Reports.builder().probe("logs", Sections.marker("journalctl") + "\n"
                    + "2026-11-25T06:50:00+0000 web-1 kernel: Out of memory: Killed process 42 (java)\n").evaluate(), "logs.oom-kill").get(0);
            assertEquals("1 process was killed for lack of memory, latest 10 min ago", f.title());
        }

        @Test
        void hostClockAcrossMidnight() {
            var report = new org.incidentworkbench.probe.TriageReport("h", "h", java.time.Instant.parse("2026-11-25T23:50:00Z"),
                    java.time.Duration.ZERO, java.util.Optional.empty(), Reports.builder()
                    .probe("uptime", " 00:05:10 up 1 day,  0 users,  load average: 0.10, 0.10, 0.10").build().results(), List.of());
            assertEquals(java.time.LocalDateTime.parse("2026-11-26T00:05:10"), LogAge.hostNow(report).orElseThrow());
        }
    }

    @Nested
    class OtherUsers {
        @Test
        void twoSessionsOnCentos() {
            List<Finding> f = Reports.rule(Reports.builder().fixture("w", "jc/centos-7.7/w.out").evaluate(), "users.logged-in");
            assertEquals("2 login sessions are open", f.get(0).title());
            assertTrue(f.get(0).evidence().contains("kbrazil@pts/0 from 192.168.71.1"), f.get(0).evidence());
            assertEquals(List.of(), Reports.rule(Reports.builder().fixture("w", "debian-12/w.out").evaluate(), "users.logged-in"));
        }
    }
}
