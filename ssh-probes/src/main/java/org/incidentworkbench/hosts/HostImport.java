package org.incidentworkbench.hosts;

import java.util.List;

/**
 * What one import read: the hosts, and notes for the user about what it skipped and why
 * (wildcard patterns, hashed known_hosts entries, lines it did not understand).
 */
public record HostImport(List<HostEntry> hosts, List<String> notes) {
    public HostImport {
        hosts = List.copyOf(hosts);
        notes = List.copyOf(notes);
    }
}
