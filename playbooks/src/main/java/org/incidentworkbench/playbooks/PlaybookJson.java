package org.incidentworkbench.playbooks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson configuration of everything the playbooks module writes (journal lines, manifests,
 * metric slices). It is the same configuration as ssh-probes' {@code Json.mapper()}
 * ({@code Optional} as value or null, {@code Instant} and {@code Duration} as ISO-8601 text), repeated
 * here because this module depends on Jackson only (contract F), so a triage report the app stores
 * as a payload reads back with the same schema.
 *
 * <p>Unknown properties are ignored when reading: a newer minor format version may add fields, and
 * an older reader should still show what it understands. Thread-safe once built.
 */
public final class PlaybookJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // writers hand in streams they own and close themselves
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private PlaybookJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
