package org.incidentworkbench.playbooks.journal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The child JVM of {@link JournalKillTest}: records events as fast as it can and prints
 * {@code committed N} after event N's append returned, so the parent knows what must survive a
 * {@code kill -9}.
 *
 * <p>Modes: {@code loop} appends until killed; {@code torn} appends 20 events, then writes half of
 * the 21st line through a second stream (as a process dying inside {@code write()} leaves it),
 * prints {@code torn} and waits to be killed.
 */
public final class RecordingChild {

    static final Instant START = Instant.parse("2026-11-25T14:00:00Z");

    private RecordingChild() {
    }

    /** Event number {@code i}: the same in parent and child, with outputs of varying size. */
    static JournalEvent event(int i) {
        Instant t = START.plusMillis(i * 250L);
        if (i % 3 == 0) {
            return JournalEvent.Note.of(t, "child", "note " + i);
        }
        String output = ("line " + i + " of a long output\n").repeat(1 + (i * 37) % 900);
        return new JournalEvent.CommandOutput(t, "child", "web-" + (i % 4), "cat /proc/meminfo # " + i, i % 2, output,
                Duration.ofMillis(i));
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path file = Path.of(args[0]);
        String mode = args[1];
        try (JournalWriter w = JournalWriter.create(file)) {
            int limit = mode.equals("torn") ? 20 : Integer.MAX_VALUE;
            for (int i = 0; i < limit; i++) {
                w.append(event(i));
                System.out.println("committed " + i);
                System.out.flush();
            }
            byte[] next = JournalCodec.toLine(event(limit));
            try (FileOutputStream raw = new FileOutputStream(file.toFile(), true)) {
                raw.write(next, 0, next.length / 2);
                raw.getFD().sync();
            }
            System.out.println("torn");
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        }
    }
}
