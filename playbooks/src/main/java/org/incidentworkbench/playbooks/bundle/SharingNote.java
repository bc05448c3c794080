package org.incidentworkbench.playbooks.bundle;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The manifest's {@code sharing} member (format 1.1): this bundle is a copy redacted for sharing, and
 * what was hidden, counted per kind and never with the values. A bundle without it is an original,
 * a private copy that may hold secrets.
 *
 * <p>JSON: {@code {"sharedAt":"2026-11-25T09:00:00Z","hostsAliased":true,"redactions":{"curl-user":1,"host":12,"ip":3},
 * "leftOut":{"redaction-list-entry":2,"binary-attachment":1},"hostRoles":{"host-1":"web"}}}.
 *
 * @param sharedAt     when the copy was written
 * @param hostsAliased whether host names and addresses became {@code host-N}/{@code ip-N}
 * @param redactions   how many texts each rule replaced (rule names of the {@code Redactor}, plus
 *                     {@code host} and {@code ip} for aliases), in rule order
 * @param leftOut      what was left out of the copy entirely, by kind
 * @param hostRoles    the role of each aliased host as its real name said it ({@code "host-1":"web"}), so a
 *                     library can be searched by role; hosts whose name says no role are absent
 */
public record SharingNote(Instant sharedAt, boolean hostsAliased, Map<String, Integer> redactions, Map<String, Integer> leftOut,
                          Map<String, String> hostRoles) {

    public SharingNote {
        Objects.requireNonNull(sharedAt, "sharedAt");
        hostRoles = Collections.unmodifiableMap(new LinkedHashMap<>(hostRoles == null ? Map.of() : hostRoles));
        redactions = Collections.unmodifiableMap(new LinkedHashMap<>(redactions == null ? Map.of() : redactions));
        leftOut = Collections.unmodifiableMap(new LinkedHashMap<>(leftOut == null ? Map.of() : leftOut));
    }

    public int totalRedactions() {
        return redactions.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line for people: "redacted for sharing on 2026-11-25: 14 texts hidden (url-credentials 2, host 12), hosts aliased". */
    public String describe() {
        StringBuilder b = new StringBuilder("redacted for sharing on ").append(sharedAt.toString(), 0, 10).append(": ")
                .append(totalRedactions()).append(totalRedactions() == 1 ? " text hidden" : " texts hidden");
        if (!redactions.isEmpty()) {
            b.append(" (");
            redactions.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ").append(k).append(' ').append(v));
            b.append(')');
        }
        b.append(hostsAliased ? ", hosts aliased" : ", host names kept");
        leftOut.forEach((k, v) -> b.append(", ").append(v).append(" left out: ").append(k));
        return b.toString();
    }
}
