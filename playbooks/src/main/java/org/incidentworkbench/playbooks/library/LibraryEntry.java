package org.incidentworkbench.playbooks.library;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One bundle of a team library as the list shows it and search reads it.
 *
 * @param file         the bundle
 * @param title        the incident's title
 * @param severity     as recorded (may be empty)
 * @param start        when the incident was opened
 * @param duration     opening to closing
 * @param hosts        the hosts (aliases in a shared copy)
 * @param hostRoles    the hosts' roles ({@code web}, {@code db}), from the sharing note or the names
 * @param tags         the note tags used in the journal ({@code detection}, {@code went-wrong}...)
 * @param findingRules the rule ids of every triage finding ({@code fs.full})
 * @param playbook     the built-in playbook that fits it best ({@code disk-full}), if any
 * @param shared       whether it is a copy redacted for sharing
 */
public record LibraryEntry(Path file, String title, String severity, Instant start, Duration duration, List<String> hosts,
                           List<String> hostRoles, List<String> tags, List<String> findingRules, Optional<String> playbook,
                           boolean shared) {

    public LibraryEntry {
        hosts = List.copyOf(hosts);
        hostRoles = List.copyOf(hostRoles);
        tags = List.copyOf(tags);
        findingRules = List.copyOf(findingRules);
    }
}
