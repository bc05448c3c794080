package org.incidentworkbench.playbooks.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.incidentworkbench.playbooks.journal.JournalCodec;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * Recognises a journal event as evidence: an event kind plus conditions on fields of its payload.
 *
 * <p>In a template's JSON:
 * <pre>
 * {"kind": "triage",  "where": {"report.findings[].rule": "fs.full"}}
 * {"kind": "command", "where": {"command": {"matches": "\\b(du|ncdu)\\b"}}}
 * {"kind": "chart",   "where": {"metric": {"prefix": "fs."}}}
 * </pre>
 * A path walks the payload's fields with dots; {@code []} fans out over an array's elements, and a
 * condition holds when any value reached satisfies it. Conditions: a bare value (equals), or an
 * object with one of {@code equals}, {@code prefix}, {@code contains} (case-insensitive),
 * {@code containsAny} (a list), {@code matches} (a Java regex, found anywhere) or {@code exists}.
 * Every condition of {@code where} must hold. Immutable.
 */
public record EvidenceMatcher(String kind, List<Condition> where) {

    public EvidenceMatcher {
        Objects.requireNonNull(kind, "kind");
        if (!JournalCodec.KINDS.containsKey(kind)) {
            throw new IllegalArgumentException("'" + kind + "' is not a journal event kind; use one of "
                    + String.join(", ", JournalCodec.KINDS.keySet()) + ".");
        }
        where = List.copyOf(where);
    }

    /** One condition on the values at {@code path}. */
    public record Condition(String path, Op op, JsonNode operand) {
        public enum Op { EQUALS, PREFIX, CONTAINS, CONTAINS_ANY, MATCHES, EXISTS }

        boolean test(JsonNode payload) {
            List<JsonNode> values = new ArrayList<>();
            collect(payload, path.isEmpty() ? new String[0] : path.split("\\."), 0, values);
            if (op == Op.EXISTS) {
                return values.isEmpty() != operand.asBoolean(true);
            }
            for (JsonNode v : values) {
                if (holds(v)) {
                    return true;
                }
            }
            return false;
        }

        private boolean holds(JsonNode v) {
            String text = v.isValueNode() ? v.asText() : v.toString();
            String lower = text.toLowerCase(Locale.ROOT);
            switch (op) {
                case EQUALS:
                    return operand.isValueNode() ? operand.asText().equals(text) : operand.equals(v);
                case PREFIX:
                    return text.startsWith(operand.asText());
                case CONTAINS:
                    return lower.contains(operand.asText().toLowerCase(Locale.ROOT));
                case CONTAINS_ANY:
                    for (JsonNode o : operand) {
                        if (lower.contains(o.asText().toLowerCase(Locale.ROOT))) {
                            return true;
                        }
                    }
                    return false;
                case MATCHES:
                    return Pattern.compile(operand.asText()).matcher(text).find();
                default:
                    return false;
            }
        }

        private static void collect(JsonNode node, String[] parts, int i, List<JsonNode> out) {
            if (node == null || node.isMissingNode() || node.isNull()) {
                return;
            }
            if (i == parts.length) {
                out.add(node);
                return;
            }
            String part = parts[i];
            boolean fan = part.endsWith("[]");
            String name = fan ? part.substring(0, part.length() - 2) : part;
            JsonNode child = name.isEmpty() ? node : node.get(name);
            if (child == null) {
                return;
            }
            if (fan) {
                if (child.isArray()) {
                    for (JsonNode element : child) {
                        collect(element, parts, i + 1, out);
                    }
                }
            } else {
                collect(child, parts, i + 1, out);
            }
        }
    }

    public boolean matches(JournalEvent event) {
        if (!event.kind().equals(kind)) {
            return false;
        }
        JsonNode payload = JournalCodec.toJson(event).get("payload");
        for (Condition c : where) {
            if (!c.test(payload)) {
                return false;
            }
        }
        return true;
    }

    /** Reads a matcher from its JSON form (see the class doc). */
    public static EvidenceMatcher fromJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("kind").isTextual()) {
            throw new IllegalArgumentException("an evidence matcher needs a 'kind' string: " + node);
        }
        List<Condition> conditions = new ArrayList<>();
        JsonNode where = node.path("where");
        if (where.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = where.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                conditions.add(condition(e.getKey(), e.getValue()));
            }
        } else if (!where.isMissingNode()) {
            throw new IllegalArgumentException("'where' must be an object of path: condition, not " + where);
        }
        return new EvidenceMatcher(node.get("kind").asText(), conditions);
    }

    private static Condition condition(String path, JsonNode spec) {
        if (spec.isValueNode()) {
            return new Condition(path, Condition.Op.EQUALS, spec);
        }
        if (spec.isObject() && spec.size() == 1) {
            Map.Entry<String, JsonNode> e = spec.fields().next();
            Condition.Op op = switch (e.getKey()) {
                case "equals" -> Condition.Op.EQUALS;
                case "prefix" -> Condition.Op.PREFIX;
                case "contains" -> Condition.Op.CONTAINS;
                case "containsAny" -> Condition.Op.CONTAINS_ANY;
                case "matches" -> Condition.Op.MATCHES;
                case "exists" -> Condition.Op.EXISTS;
                default -> throw new IllegalArgumentException("'" + e.getKey() + "' is not a condition; use equals, prefix, "
                        + "contains, containsAny, matches or exists");
            };
            if (op == Condition.Op.MATCHES) {
                Pattern.compile(e.getValue().asText());
            }
            if (op == Condition.Op.CONTAINS_ANY && !e.getValue().isArray()) {
                throw new IllegalArgumentException("containsAny takes a list of strings");
            }
            return new Condition(path, op, e.getValue());
        }
        throw new IllegalArgumentException("the condition on '" + path + "' must be a value or an object with one operator, not " + spec);
    }

    /** The matcher's JSON form. */
    public ObjectNode toJson() {
        ObjectNode node = org.incidentworkbench.playbooks.PlaybookJson.mapper().createObjectNode();
        node.put("kind", kind);
        ObjectNode w = node.putObject("where");
        for (Condition c : where) {
            if (c.op() == Condition.Op.EQUALS && c.operand().isValueNode()) {
                w.set(c.path(), c.operand());
            } else {
                String name = switch (c.op()) {
                    case EQUALS -> "equals";
                    case PREFIX -> "prefix";
                    case CONTAINS -> "contains";
                    case CONTAINS_ANY -> "containsAny";
                    case MATCHES -> "matches";
                    case EXISTS -> "exists";
                };
                w.putObject(c.path()).set(name, c.operand());
            }
        }
        return node;
    }
}
