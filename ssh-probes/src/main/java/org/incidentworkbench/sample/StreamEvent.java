package org.incidentworkbench.sample;

import java.util.Map;

/** What the {@link FrameDecoder} finds in a sampler stream: a greeting, a whole frame, or a broken one. */
public sealed interface StreamEvent {

    /**
     * The loop's first line: its parameters ({@code interval}, {@code df_every}, {@code pagesize},
     * {@code shell}, {@code clock}, {@code df_local}) as printed.
     */
    record Hello(int version, Map<String, String> parameters) implements StreamEvent {
        public Hello {
            parameters = Map.copyOf(parameters);
        }

        /** The server's page size in bytes, 4096 when the loop could not tell. */
        public long pageSizeBytes() {
            try {
                long v = Long.parseLong(parameters.getOrDefault("pagesize", "4096"));
                return v > 0 ? v : 4096;
            } catch (NumberFormatException e) {
                return 4096;
            }
        }
    }

    /**
     * A frame whose end marker matched its begin marker and whose byte count was right.
     *
     * @param sequence         the loop's frame counter (0 for the first frame after the loop started)
     * @param serverTimeMicros the server's wall clock when the frame began, epoch microseconds
     *                         (millisecond or second resolution when the server's shell offers no better)
     * @param body             the sections, decoded byte for byte (ISO-8859-1, so lengths are byte counts)
     */
    record Frame(long sequence, long serverTimeMicros, String body) implements StreamEvent {
    }

    /** A frame that cannot be trusted (cut off, wrong length, unreadable marker): no point comes from it. */
    record Corrupt(String reason) implements StreamEvent {
    }
}
