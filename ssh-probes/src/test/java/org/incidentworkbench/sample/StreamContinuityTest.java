package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.incidentworkbench.sample.ProcSnapshot.CpuTimes;
import org.junit.jupiter.api.Test;

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
        return new ProcSnapshot(before.sequence() + 1, before.serverTimeMicros() + Math.round(wallDelta * 1e6),
                java.util.OptionalDouble.of(before.uptimeSeconds().getAsDouble() + uptimeDelta),
                OptionalLong.of(before.bootTimeSeconds().getAsLong() + btimeDelta), before.cpu(), before.contextSwitches(),
                before.procsRunning(), before.procsBlocked(), before.load(), before.memory(), before.swapInPages(),
                before.swapOutPages(), 4096, List.of(), List.of(), java.util.Optional.empty(), List.of());
    }

    private static void assertReason(StreamContinuity.Verdict verdict, String expected) {
        StreamContinuity.Verdict.Broken broken = assertInstanceOf(StreamContinuity.Verdict.Broken.class, verdict);
        assertTrue(broken.reason().contains(expected), broken.reason());
    }
}
