package org.incidentworkbench.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.junit.jupiter.api.Test;

/** The filesystem, inode and memory rules with a host's history: time to the limit in the finding, severity from it. */
class FillForecastRulesTest {

    private static final String DF = """
            Filesystem     Type     1024-blocks     Used Available Capacity Mounted on
            /dev/sda1      ext4        10000000  8500000   1500000      85% /var
            /dev/sdb1      ext4        10000000  9500000    500000      95% /data
            /dev/sdc1      ext4        10000000  5000000   5000000      50% /home
            """;

    /** Trends given per mount; memory as given. */
    private static Trends trends(Map<String, TimeToLimit> fs, Optional<TimeToLimit> memory) {
        return new Trends() {
            @Override
            public Optional<TimeToLimit> filesystem(String mount) {
                return Optional.ofNullable(fs.get(mount));
            }

            @Override
            public Optional<TimeToLimit> memoryAvailable() {
                return memory;
            }
        };
    }

    private static TimeToLimit filling(Duration in, Duration earliest, Duration latest, double slope) {
        return new TimeToLimit(Optional.of(in), Optional.of(earliest), Optional.of(latest), slope, 240, Duration.ofHours(2), false);
    }

    private static TimeToLimit steady(Duration over) {
        return new TimeToLimit(Optional.empty(), Optional.empty(), Optional.empty(), 0.01, 500, over, false);
    }

    private static List<Finding> fs(Trends t) {
        return Reports.rule(Findings.evaluate(Reports.builder().probe("df", DF).build(), t), "fs.full");
    }

    @Test
    void eightyFivePercentFillingWithinTheHourOutranksNinetyFiveAndFlat() {
        Trends t = trends(Map.of("/var", filling(Duration.ofMinutes(42), Duration.ofMinutes(35), Duration.ofMinutes(51), 21.4),
                "/data", steady(Duration.ofHours(20)), "/home", steady(Duration.ofHours(20))), Optional.empty());
        List<Finding> f = fs(t);
        assertEquals(List.of("/var is 85 % full, full in 42 min (35 min to 51 min)", "/data is 95 % full, steady"),
                f.stream().map(Finding::title).toList());
        assertEquals(List.of(Severity.CRITICAL, Severity.WARNING), f.stream().map(Finding::severity).toList());
        assertEquals("85 % used, 1.4 GiB of 9.5 GiB available (/dev/sda1, ext4); threshold 90 %; trend 21.4 %/h over the last"
                + " 2.0 h (240 points), reaching 100 % in 42 min (35 min to 51 min) at 95 %", f.get(0).evidence());
        assertTrue(f.get(1).evidence().endsWith("; trend 0.0 %/h over the last 20.0 h (500 points), not heading for 100 %"),
                f.get(1).evidence());
        // the whole triage ranks them so too
        List<Finding> all = Findings.evaluate(Reports.builder().probe("df", DF).build(), t);
        assertEquals("fs.full", all.get(0).rule());
        assertTrue(all.get(0).title().startsWith("/var"), all.get(0).title());
    }

    @Test
    void withoutHistoryTheLevelDecidesAsBefore() {
        List<Finding> f = fs(Trends.NONE);
        assertEquals(List.of("/data is 95 % full"), f.stream().map(Finding::title).toList());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
    }

    @Test
    void withinADayIsAWarningAtAnyLevelAndLaterLeavesTheLevelAlone() {
        Trends t = trends(Map.of("/home", filling(Duration.ofHours(10), Duration.ofHours(8), Duration.ofHours(13), 5),
                "/data", filling(Duration.ofDays(30), Duration.ofDays(20), Duration.ofDays(45), 0.007)), Optional.empty());
        List<Finding> f = fs(t);
        // /data stays critical by its level (a month away changes nothing); /home becomes a warning at 50 %
        assertEquals(List.of("/data is 95 % full, full in 30.0 days (20.0 days to 45.0 days)", "/home is 50 % full, full in 10.0 h (8.0 h to 13.0 h)"),
                f.stream().map(Finding::title).toList());
        assertEquals(List.of(Severity.CRITICAL, Severity.WARNING), f.stream().map(Finding::severity).toList());
    }

    @Test
    void anOpenIntervalSaysSo() {
        TimeToLimit open = new TimeToLimit(Optional.of(Duration.ofMinutes(30)), Optional.of(Duration.ofMinutes(20)), Optional.empty(),
                1, 20, Duration.ofMinutes(5), true);
        List<Finding> f = fs(trends(Map.of("/home", open), Optional.empty()));
        assertEquals("/home is 50 % full, full in 30 min (20 min to no upper bound)", f.get(0).title());
        assertTrue(f.get(0).evidence().contains("over the last 5 min (20 points, since a step change)"), f.get(0).evidence());
    }

    @Test
    void memoryRunningOutWithinTheHourIsCriticalWhileStillPlentiful() {
        String top = "top - 10:00:00 up 1 day,  1 user,  load average: 0.50, 0.50, 0.50\n"
                + "Tasks: 100 total,   1 running,  99 sleeping,   0 stopped,   0 zombie\n"
                + "%Cpu(s):  2.0 us,  1.0 sy,  0.0 ni, 97.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st\n"
                + "MiB Mem :  16000.0 total,   8000.0 free,   4000.0 used,   4000.0 buff/cache\n"
                + "MiB Swap:   2048.0 total,   2048.0 free,      0.0 used.   4000.0 avail Mem\n\n"
                + "    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n"
                + "      1 root      20   0  168000  12000   9000 S   0.0   0.1   0:01.00 systemd\n";
        TimeToLimit leak = new TimeToLimit(Optional.of(Duration.ofMinutes(50)), Optional.of(Duration.ofMinutes(44)),
                Optional.of(Duration.ofMinutes(58)), -5.0 * (1L << 30), 600, Duration.ofMinutes(10), false);
        List<Finding> f = Reports.rule(Findings.evaluate(Reports.builder().probe("top", top).build(),
                trends(Map.of(), Optional.of(leak))), "mem.available");
        assertEquals(1, f.size());
        assertEquals(Severity.CRITICAL, f.get(0).severity());
        assertEquals("25.0 % of memory is available, gone in 50 min (44 min to 58 min)", f.get(0).title());
        assertTrue(f.get(0).evidence().contains("; trend -5.0 GiB/h over the last 10 min (600 points), reaching 0 in 50 min"),
                f.get(0).evidence());
        // without history: nothing to say at 25 %
        assertEquals(List.of(), Reports.rule(Findings.evaluate(Reports.builder().probe("top", top).build()), "mem.available"));
    }

    @Test
    void theForecastTailDoesNotMakeAFindingNewSinceThePreviousTriage() {
        Finding a = new Finding(Severity.CRITICAL, "fs.full", "df", "/var is 85 % full, full in 42 min (35 min to 51 min)", "", "");
        Finding b = new Finding(Severity.CRITICAL, "fs.full", "df", "/var is 88 % full, full in 2.1 h (1.5 h to 3.0 h)", "", "");
        Finding c = new Finding(Severity.CRITICAL, "fs.full", "df", "/var is 95 % full, steady", "", "");
        assertEquals(FindingRanking.key(a), FindingRanking.key(b));
        assertEquals(FindingRanking.key(a), FindingRanking.key(c));
    }
}
