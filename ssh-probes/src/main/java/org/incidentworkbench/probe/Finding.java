package org.incidentworkbench.probe;

import java.time.Duration;
import java.util.Optional;

/**
 * One thing worth an engineer's attention on one host, following the USE method.
 *
 * @param severity          how urgent (after ranking: an event from before the observation window is one step lower)
 * @param rule              stable id of the rule that produced it, for example {@code fs.full}
 * @param probe             the probe whose data is the evidence, for example {@code df}
 * @param title             one line, for example "/var is 97 % full"
 * @param evidence          the numbers behind it, for example "97 % used, 1.2 GiB of 40 GiB free"
 * @param hint              what to look at next
 * @param since             for an event (an OOM kill, an I/O error): how long before the triage its latest line was
 *                          written, where known; empty for a state seen now (a full filesystem)
 * @param beforeTriage      the event is older than the observation window (the time since the host's previous triage,
 *                          at least {@code findings.FindingRanking.MIN_WINDOW}): downgraded, its title says so
 * @param newSincePrevious  whether the host's previous triage lacked this finding; empty when there was none to compare
 */
public record Finding(Severity severity, String rule, String probe, String title, String evidence, String hint,
                      Optional<Duration> since, boolean beforeTriage, Optional<Boolean> newSincePrevious) {

    public Finding {
        since = since == null ? Optional.empty() : since; // absent from reports stored before these fields
        newSincePrevious = newSincePrevious == null ? Optional.empty() : newSincePrevious;
    }

    /** A finding about a state seen now, not yet ranked. */
    public Finding(Severity severity, String rule, String probe, String title, String evidence, String hint) {
        this(severity, rule, probe, title, evidence, hint, Optional.empty(), false, Optional.empty());
    }

    /** This finding about an event written {@code age} before the triage. */
    public Finding since(Duration age) {
        return new Finding(severity, rule, probe, title, evidence, hint, Optional.of(age), beforeTriage, newSincePrevious);
    }

    /** This finding as ranked: its severity, whether it is from before the window, whether it is new. */
    public Finding ranked(Severity newSeverity, String newTitle, boolean stale, Optional<Boolean> isNew) {
        return new Finding(newSeverity, rule, probe, newTitle, evidence, hint, since, stale, isNew);
    }
}
