package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The buffers JSch's session thread writes command output into. */
class OutputBuffersTest {

    @Test
    void cappedOutputKeepsTheCapFlagsTheRestAndSignalsPastTheDiscardBudget() {
        CountDownLatch done = new CountDownLatch(1);
        CappedOutput out = new CappedOutput(5, 10, done, false);
        out.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
        assertFalse(out.truncated());
        out.write("defgh".getBytes(StandardCharsets.UTF_8), 0, 5);
        assertEquals("abcde", out.text());
        assertTrue(out.truncated());
        assertFalse(out.overflowed());
        assertEquals(1, done.getCount());
        out.write(new byte[8], 0, 8); // 16 written > 5 + 10
        assertTrue(out.overflowed());
        assertEquals(0, done.getCount(), "the waiting thread is woken to close the channel");
        out.close();
    }

    @Test
    void onlyTheStreamThatEndsWithTheChannelSignalsOnClose() {
        CountDownLatch done = new CountDownLatch(1);
        new CappedOutput(10, 10, done, false).close();
        assertEquals(1, done.getCount(), "stdout closes at EOF, before the exit status");
        new CappedOutput(10, 10, done, true).close();
        assertEquals(0, done.getCount());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        CappedOutput out = new CappedOutput(100, 0, new CountDownLatch(1), false);
        out.write(new byte[] {'o', 'k', (byte) 0xff, 0, (byte) 0xc3}, 0, 5);
        assertEquals("ok\uFFFD\u0000\uFFFD", out.text());
    }

    @Test
    void tailBufferKeepsTheLastBytesAcrossWraps() {
        SshHostConnection.TailBuffer tail = new SshHostConnection.TailBuffer(8);
        assertEquals("", tail.text());
        tail.write("hello".getBytes(StandardCharsets.UTF_8), 0, 5);
        assertEquals("hello", tail.text());
        tail.write("-world-again".getBytes(StandardCharsets.UTF_8), 0, 12);
        assertEquals("ld-again", tail.text());
    }
}
