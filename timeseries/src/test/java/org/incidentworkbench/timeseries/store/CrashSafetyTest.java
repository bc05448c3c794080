package org.incidentworkbench.timeseries.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.timeseries.Selector;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.SeriesPoints;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while writing: a child JVM appends continuously, is killed with SIGKILL
 * ({@code Process.destroyForcibly} on Linux), and the store must reopen with every point up to about a
 * second before the kill, with no hole.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLosesAtMostTheLastSecond() throws Exception {
        Path file = dir.resolve("crash.mv.db");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, CrashWriter.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        long killedAt;
        long lastReported = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            long firstAppendAt = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("appended ")) {
                    lastReported = Long.parseLong(line.substring(9));
                    if (firstAppendAt < 0) {
                        firstAppendAt = System.nanoTime();
                    }
                    if (System.nanoTime() - firstAppendAt > TimeUnit.MILLISECONDS.toNanos(3500)) {
                        break;
                    }
                } else if (!line.equals("opened")) {
                    System.out.println("child: " + line);
                }
            }
            killedAt = System.currentTimeMillis();
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(lastReported > 0, "the child never appended anything");
        try (TimeSeriesStore store = TimeSeriesStore.open(file)) {
            SeriesKey key = SeriesKey.of("crash-host", "test.sequence");
            List<SeriesPoints> pts = store.points(Selector.of(key), 0, Long.MAX_VALUE);
            assertEquals(1, pts.size());
            SeriesPoints p = pts.get(0);
            int n = p.size();
            assertTrue(n > 0, "nothing survived the kill");
            for (int i = 0; i < n; i++) {
                assertEquals(i, p.values()[i], "point " + i + " is missing or out of place: a hole, not a lost tail");
            }
            long lostMillis = killedAt - p.timestamps()[n - 1];
            System.out.printf("kill -9: %d points kept, last reported %d, newest kept point %d ms before the kill%n",
                    n, lastReported, lostMillis);
            assertTrue(p.values()[n - 1] >= lastReported - 2000,
                    "kept up to " + p.values()[n - 1] + " though " + lastReported + " had been reported");
            // one second of flush interval plus the time a loaded machine takes to run the flush
            assertTrue(lostMillis <= 2000, "lost the last " + lostMillis + " ms");
        }
    }
}
