package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exchange framing of {@link ShellChannel}, fed by hand as JSch's thread feeds it (no server). */
class ShellChannelTest {

    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private boolean open = true;
    private int closes;

    private ShellChannel channel(String firstEnd, int cap) {
        ShellChannel c = new ShellChannel(firstEnd, cap);
        c.attach(new ShellChannel.Wire() {
            @Override
            public OutputStream stdin() {
                return stdin;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
                closes++;
            }
        });
        return c;
    }

    private static void feed(OutputStream sink, String text, int chunk) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += chunk) {
            sink.write(b, i, Math.min(chunk, b.length - i));
        }
    }

    @Test
    void anAnswerEndsAtItsEndLineOnBothStreamsEvenSplitAcrossWrites() throws Exception {
        ShellChannel c = channel("READY", 4096);
        feed(c.stdoutSink(), "READY\n", 1);
        feed(c.stderrSink(), "bash: warning from an rc file\nREADY\n", 3);
        ExecResult ready = c.await(Duration.ofSeconds(5));
        assertEquals(0, ready.exitStatus());
        assertEquals("", ready.stdout());
        assertEquals("bash: warning from an rc file\n", ready.stderr());

        c.send("run M1", "M1 done", 1 << 20);
        assertEquals("run M1\n", stdin.toString(StandardCharsets.UTF_8));
        feed(c.stdoutSink(), "M1 begin w\nno M1 done here\nM1 end w\n\nM1 done\n", 5);
        feed(c.stderrSink(), "\nM1 done\n", 2);
        ExecResult r = c.await(Duration.ofSeconds(5));
        assertEquals(0, r.exitStatus());
        assertFalse(r.timedOut() || r.truncated());
        assertEquals("M1 begin w\nno M1 done here\nM1 end w\n\n", r.stdout());
        assertEquals("\n", r.stderr());
        assertTrue(c.isOpen());
        assertEquals(0, closes);
    }

    @Test
    void outputBeyondTheCapIsCutAndTheEndLineStillEndsTheAnswer() throws Exception {
        ShellChannel c = channel("READY", 4096);
        feed(c.stdoutSink(), "READY\n", 6);
        feed(c.stderrSink(), "READY\n", 6);
        c.await(Duration.ofSeconds(5));
        c.send("run M2", "M2 done", 10);
        feed(c.stdoutSink(), "0123456789abcdef\nM2 done\n", 4);
        feed(c.stderrSink(), "M2 done\n", 8);
        ExecResult r = c.await(Duration.ofSeconds(5));
        assertEquals(0, r.exitStatus());
        assertTrue(r.truncated());
        assertEquals("0123456789", r.stdout());
    }

    @Test
    void aMissingEndLineTimesOutAndClosesTheChannel() throws Exception {
        ShellChannel c = channel("READY", 4096);
        feed(c.stdoutSink(), "Welcome to the build farm\nREADY\n", 64);
        feed(c.stderrSink(), "READY\n", 64);
        assertEquals("Welcome to the build farm\n", c.await(Duration.ofSeconds(5)).stdout(), "what a login script printed");
        c.send("run M3", "M3 done", 1024);
        feed(c.stdoutSink(), "M3 begin hang\n", 64);
        ExecResult r = c.await(Duration.ofMillis(200));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitStatus());
        assertEquals("M3 begin hang\n", r.stdout());
        assertFalse(c.isOpen());
        assertEquals(1, closes);
    }
}
