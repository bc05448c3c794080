package org.incidentworkbench.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the sampling of one host stands, for the CLI's status line and the UI.
 *
 * @param host          the host's alias
 * @param target        {@code user@host:port} as connected to
 * @param state         what the sampler is doing for this host
 * @param since         when it entered that state (laptop clock)
 * @param reason        why: the drop, stall or connect failure behind RECONNECTING, or why it STOPPED
 * @param frames        frames received and used
 * @param points        points handed to the sink (gap markers included)
 * @param corruptFrames frames that were cut off or garbled (each became a gap)
 * @param gaps          breaks in the stream marked with NaN points (drops, stalls, reboots, clock jumps, corrupt frames)
 * @param reconnects    connections made after the first one
 * @param lastFrameAt   when the last frame arrived (laptop clock)
 * @param clockOffset   laptop clock minus the server's clock, the least over the last 10 frames (network and
 *                      poll delays only ever add to it): positive when the server's clock is behind
 * @param shell         the shell the loop runs under on the server ({@code bash} or {@code sh})
 * @param warning       the last frame's parse warning, if it had one
 * @param lastGap       why the stream last broke (a gap was marked), if it ever did
 * @param lastError     the last connect failure or drop, kept after the host is stopped
 */
public record HostStatus(String host, String target, State state, Instant since, Optional<String> reason, long frames,
                         long points, long corruptFrames, long gaps, int reconnects, Optional<Instant> lastFrameAt,
                         Optional<Duration> clockOffset, Optional<String> shell, Optional<String> warning,
                         Optional<String> lastGap, Optional<String> lastError) {

    public enum State {
        /** Opening the first connection. */
        CONNECTING,
        /** Connected; frames arrive (or are awaited after the connect). */
        SAMPLING,
        /** The stream broke (see reason); waiting for the next connect attempt, with exponential backoff. */
        RECONNECTING,
        /** Stopped by the user, or for good because retrying cannot help (authentication, host key). */
        STOPPED
    }

    /** How old the last frame is at {@code now}. */
    public Optional<Duration> lastFrameAge(Instant now) {
        return lastFrameAt.map(t -> Duration.between(t, now));
    }
}
