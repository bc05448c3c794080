package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.Selector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code workbench triage --db FILE} while {@code workbench sample} writes FILE: a real sampler in a process of its
 * own holds the H2 file lock; the triage's history is read from a copy, names the process, and leaves the
 * sampler's file as it is.
 */
class StoreHistoryHeldTest {

    @Test
    void aStoreHeldByARunningSamplerIsReadFromACopyThatNamesTheProcess(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("metrics.mv.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sampler = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.incidentworkbench.app.Launcher", "sample", "--local", "--interval", "0.5", "--duration", "60s",
                "--db", db.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sampler.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 40_000_000_000L;
            Optional<String> holder = Optional.empty();
            while (holder.isEmpty() || Files.size(db) < 16_384) {
                assertTrue(sampler.isAlive(), "the sampler runs: " + Files.readString(dir.resolve("sampler.log")));
                assertTrue(System.nanoTime() < deadline, "the sampler opened " + db + " within 40 s");
                Thread.sleep(200);
                holder = Files.exists(db) ? FileHolders.describe(db) : Optional.empty();
            }
            assertTrue(holder.get().startsWith("process " + sampler.pid() + " (workbench sample --local"), holder.get());
            Thread.sleep(2500); // a few samples flushed to the file (one-second write-ahead flush)

            try (StoreHistory history = new StoreHistory(db)) {
                Optional<StoreService> store = history.get();
                assertTrue(store.isPresent(), "history from the held store; problem: " + history.problem().orElse("none"));
                String notice = history.notice().orElseThrow();
                assertTrue(notice.contains("in use by process " + sampler.pid() + " (workbench sample") && notice.contains("copy"),
                        notice);
                long now = System.currentTimeMillis();
                int points = store.get().store().points(Selector.of(SampleMetrics.CPU_IDLE, "local"), now - 120_000, now + 1000)
                        .stream().mapToInt(p -> p.size()).sum();
                assertTrue(points > 0, "the copy holds the sampler's points");
                assertFalse(history.problem().isPresent());
            }
            assertTrue(sampler.isAlive(), "the sampler goes on");
            assertTrue(FileHolders.describe(db).isPresent(), "and still holds its file");
            try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                List<Path> copies = left.filter(p -> p.getFileName().toString().startsWith("workbench-store-copy"))
                        .filter(p -> Files.exists(p.resolve(db.getFileName()))).toList();
                assertTrue(copies.isEmpty(), "the copy is deleted on close: " + copies);
            }
        } finally {
            sampler.destroy();
            sampler.waitFor();
        }
    }
}
