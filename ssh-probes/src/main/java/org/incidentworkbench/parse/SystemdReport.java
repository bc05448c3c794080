package org.incidentworkbench.parse;

import java.util.List;
import java.util.Optional;

/**
 * Failed systemd units, or why there are none to list.
 *
 * @param running   systemd is the host's init (PID 1), so its units could be listed
 * @param notRunning why not, as printed ("systemd is not running (PID 1 is process_api)", or systemctl's own
 *                   "System has not been booted with systemd as init system (PID 1). Can't operate.")
 * @param failed    the failed units, in systemctl's order; empty when none failed
 */
public record SystemdReport(boolean running, Optional<String> notRunning, List<FailedUnit> failed) {

    public SystemdReport {
        failed = List.copyOf(failed);
    }

    /**
     * One line of {@code systemctl --failed}: UNIT LOAD ACTIVE SUB DESCRIPTION.
     *
     * @param unit        {@code nginx.service}
     * @param load        {@code loaded}, {@code not-found}, {@code masked}...
     * @param active      {@code failed}
     * @param sub         {@code failed}, {@code auto-restart}...
     * @param description the unit's description, may be empty
     */
    public record FailedUnit(String unit, String load, String active, String sub, String description) {
    }
}
