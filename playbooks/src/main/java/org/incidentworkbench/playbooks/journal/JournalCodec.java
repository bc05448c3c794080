package org.incidentworkbench.playbooks.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.incidentworkbench.playbooks.PlaybookJson;

/**
 * Turns journal events into journal lines and back. A line is one JSON object with exactly these
 * members: {@code time} (ISO-8601 instant), {@code kind} (see {@link #KINDS}), {@code actor} and
 * {@code payload} (the kind's fields). Jackson escapes line ends inside strings, so one event is
 * always one physical line.
 *
 * <p>Decoding returns a value, never throws: a line that is not JSON, lacks a member, or names a kind
 * this version does not know yields a {@link Decoded.Failed} with a sentence saying which.
 * Thread-safe (stateless).
 */
public final class JournalCodec {

    /** Kind names as written in the journal, in the order the format documents them. */
    public static final Map<String, Class<? extends JournalEvent>> KINDS;

    static {
        Map<String, Class<? extends JournalEvent>> kinds = new LinkedHashMap<>();
        kinds.put("incident.opened", JournalEvent.IncidentOpened.class);
        kinds.put("incident.closed", JournalEvent.IncidentClosed.class);
        kinds.put("triage", JournalEvent.TriageRun.class);
        kinds.put("command", JournalEvent.CommandOutput.class);
        kinds.put("chart", JournalEvent.ChartViewed.class);
        kinds.put("note", JournalEvent.Note.class);
        kinds.put("hypothesis", JournalEvent.Hypothesis.class);
        kinds.put("action", JournalEvent.ActionTaken.class);
        kinds.put("marker", JournalEvent.Marker.class);
        KINDS = java.util.Collections.unmodifiableMap(kinds);
    }

    private static final ObjectMapper MAPPER = PlaybookJson.mapper();

    private JournalCodec() {
    }

    static String kindOf(Class<?> type) {
        for (Map.Entry<String, Class<? extends JournalEvent>> e : KINDS.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        throw new IllegalStateException(type.getName() + " is a journal event without a kind name in JournalCodec.KINDS.");
    }

    /** The event as one JSON object (envelope plus payload). */
    public static ObjectNode toJson(JournalEvent event) {
        ObjectNode payload = MAPPER.valueToTree(event);
        payload.remove("time");
        payload.remove("actor");
        payload.remove("kind");
        ObjectNode line = MAPPER.createObjectNode();
        line.put("time", event.time().toString());
        line.put("kind", event.kind());
        line.put("actor", event.actor());
        line.set("payload", payload);
        return line;
    }

    /** The event as one journal line, ending with {@code \n}, in UTF-8. */
    public static byte[] toLine(JournalEvent event) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(toJson(event));
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A journal event could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The outcome of decoding one line. */
    public sealed interface Decoded {
        record Ok(JournalEvent event) implements Decoded {
        }

        /** {@code reason} is a sentence fragment such as "it is not valid JSON (Unexpected character ...)". */
        record Failed(String reason) implements Decoded {
        }
    }

    public static Decoded decode(String line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return new Decoded.Failed("it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return decode(node);
    }

    public static Decoded decode(byte[] utf8Line) {
        return decode(new String(utf8Line, StandardCharsets.UTF_8));
    }

    public static Decoded decode(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Decoded.Failed("it is not a JSON object");
        }
        for (String member : new String[] {"time", "kind", "actor", "payload"}) {
            if (!node.hasNonNull(member)) {
                return new Decoded.Failed("it has no '" + member + "' member");
            }
        }
        String kind = node.get("kind").asText();
        Class<? extends JournalEvent> type = KINDS.get(kind);
        if (type == null) {
            return new Decoded.Failed("its kind '" + kind + "' is not one this version knows (" + String.join(", ", KINDS.keySet()) + ")");
        }
        if (!node.get("payload").isObject()) {
            return new Decoded.Failed("its payload is not a JSON object");
        }
        try {
            Instant.parse(node.get("time").asText());
        } catch (DateTimeParseException e) {
            return new Decoded.Failed("its time '" + node.get("time").asText() + "' is not an ISO-8601 instant");
        }
        ObjectNode flat = ((ObjectNode) node.get("payload")).deepCopy();
        flat.set("time", node.get("time"));
        flat.set("actor", node.get("actor"));
        try {
            return new Decoded.Ok(MAPPER.treeToValue(flat, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            Throwable cause = e.getCause();
            if (cause != null && cause.getMessage() != null && message != null && !message.contains(cause.getMessage())) {
                message = message + ": " + cause.getMessage();
            }
            return new Decoded.Failed("its " + kind + " payload does not fit the schema (" + message + ")");
        }
    }

    /** The decoded event, if the line decodes. */
    public static Optional<JournalEvent> tryDecode(String line) {
        return decode(line) instanceof Decoded.Ok ok ? Optional.of(ok.event()) : Optional.empty();
    }
}
