package org.incidentworkbench.ssh;

import java.time.Duration;

/**
 * What one remote (or local) command produced.
 *
 * @param stdout     standard output, decoded as UTF-8 with bad bytes replaced, cut at the output cap
 * @param stderr     standard error, likewise capped
 * @param exitStatus the command's exit status, -1 when none arrived (timeout, dropped channel)
 * @param timedOut   true when the command was stopped at its timeout
 * @param truncated  true when output beyond the cap was discarded
 * @param duration   wall time from opening the channel to its end
 */
public record ExecResult(String stdout, String stderr, int exitStatus, boolean timedOut, boolean truncated,
                         Duration duration) {
}
