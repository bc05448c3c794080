package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.incidentworkbench.sample.source.StatSource.CpuTimes;
import org.junit.jupiter.api.Test;
import org.incidentworkbench.sample.source.ProcSources;
import org.incidentworkbench.sample.source.ProcSource;
import org.incidentworkbench.sample.source.StatSource;

class StreamContinuityTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private final ProcSnapshot before = RateCalculatorTest.snapshot(100.0, 1000, new CpuTimes(1, 1, 1, 1, 1, 0, 0, 0), List.of(), List.of());

    @Test
    void oneIntervalLaterIsContinuous() {
        ProcSnapshot after = later(1.0, 1.0, 0);
        assertInstanceOf(StreamContinuity.Verdict.Continuous.class, StreamContinuity.between(before, after, SECOND));
    }

    @Test
    void uptimeGoingBackIsAReboot() {
        ProcSnapshot after = later(-90.0, 1.0, 0);
        assertReason(StreamContinuity.between(before, after, SECOND), "rebooted");
    }

    @Test
    void wallClockJumpingAheadOrBackIsABreak() {
        assertReason(StreamContinuity.between(before, later(1.0, 3601.0, 3600), SECOND), "clock jumped by +3600.0 s");
        assertReason(StreamContinuity.between(before, later(1.0, -299.0, -300), SECOND), "clock jumped by -300.0 s");
    }

    @Test
    void btimeMovingWithoutTheFrameTimesShowingItIsAStep() {
        assertReason(StreamContinuity.between(before, later(1.0, 1.0, 5), SECOND), "stepped by 5 s");
        // the kernel truncates btime to seconds: a one-second wobble is not a step
        assertInstanceOf(StreamContinuity.Verdict.Continuous.class, StreamContinuity.between(before, later(1.0, 1.0, 1), SECOND));
    }

    @Test
    void framesFurtherApartThanThreeIntervalsAreAStall() {
        assertReason(StreamContinuity.between(before, later(3.5, 3.5, 0), SECOND), "3.5 s passed");
        assertInstanceOf(StreamContinuity.Verdict.Continuous.class, StreamContinuity.between(before, later(3.5, 3.5, 0), Duration.ofSeconds(2)));
    }

    private ProcSnapshot later(double uptimeDelta, double wallDelta, long btimeDelta) {
        java.util.Map<ProcSource<?>, Object> r = new java.util.HashMap<>(before.readings());
        r.put(ProcSources.UPTIME, before.uptimeSeconds().getAsDouble() + uptimeDelta);
        StatSource.Reading stat = before.get(ProcSources.STAT).orElseThrow();
        r.put(ProcSources.STAT, new StatSource.Reading(stat.cpu(), stat.contextSwitches(),
                OptionalLong.of(stat.bootTime().getAsLong() + btimeDelta), stat.procsRunning(), stat.procsBlocked()));
        return new ProcSnapshot(before.sequence() + 1, before.serverTimeMicros() + Math.round(wallDelta * 1e6), 4096, r, List.of());
    }

    private static void assertReason(StreamContinuity.Verdict verdict, String expected) {
        StreamContinuity.Verdict.Broken broken = assertInstanceOf(StreamContinuity.Verdict.Broken.class, verdict);
        assertTrue(broken.reason().contains(expected), broken.reason());
    }
}
