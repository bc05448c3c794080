package org.incidentworkbench.playbooks.journal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a hypothesis stands; written in lower case in the journal. */
public enum HypothesisState {
    OPEN, CONFIRMED, REJECTED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static HypothesisState parse(String text) {
        for (HypothesisState s : values()) {
            if (s.id().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a hypothesis state; use open, confirmed or rejected.");
    }
}
