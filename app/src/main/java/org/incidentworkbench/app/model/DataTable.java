package org.incidentworkbench.app.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.incidentworkbench.json.Json;

/**
 * A parsed probe record laid out as tables for display: every list of records becomes a table
 * (a column per field, nested records flattened as {@code field.sub}), and the single values form
 * one two-column "summary" table. Works on the JSON the product writes for the record, so every
 * parser's output shows without the window knowing its type. Cells hold Long, Double, Boolean,
 * String or null (a value the command left blank); a field empty in every row is left out.
 *
 * @param name    the list's field path ("processes", "summary")
 * @param columns column names
 * @param rows    one list of cells per row, in column order
 */
public record DataTable(String name, List<String> columns, List<List<Object>> rows) {

    public static final String SUMMARY = "summary";

    public DataTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** The tables of one parsed record, the summary first when there are single values. */
    public static List<DataTable> of(Object parsed) {
        JsonNode node = parsed instanceof JsonNode j ? j : Json.mapper().valueToTree(parsed);
        List<DataTable> tables = new ArrayList<>();
        List<List<Object>> summary = new ArrayList<>();
        walk("", node, summary, tables);
        if (!summary.isEmpty()) {
            tables.add(0, new DataTable(SUMMARY, List.of("field", "value"), summary));
        }
        return tables;
    }

    private static void walk(String path, JsonNode node, List<List<Object>> summary, List<DataTable> tables) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), summary, tables);
            }
        } else if (node.isArray() && node.size() > 0 && allObjects(node)) {
            tables.add(table(path.isEmpty() ? "rows" : path, node));
        } else if (node.isArray()) {
            summary.add(List.of(path, node.size() == 0 ? "(none)" : joined(node)));
        } else if (!node.isNull()) {
            // a single value the command did not print (df without --total has no total) is no row
            List<Object> row = new ArrayList<>();
            row.add(path);
            row.add(cell(node));
            summary.add(row);
        }
    }

    private static boolean allObjects(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isObject()) {
                return false;
            }
        }
        return true;
    }

    private static DataTable table(String name, JsonNode array) {
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, Object>> flat = new ArrayList<>();
        for (JsonNode item : array) {
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            flatten("", item, row);
            columns.addAll(row.keySet());
            flat.add(row);
        }
        // a field no row has is a column the command did not print (ps -ef has no RSS): no column, not a blank one
        columns.removeIf(c -> flat.stream().allMatch(r -> r.get(c) == null));
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : flat) {
            List<Object> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(r.get(c));
            }
            rows.add(cells);
        }
        return new DataTable(name, List.copyOf(columns), rows);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> row) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject() && prefix.isEmpty()) {
                flatten(key, v, row);
            } else if (v.isContainerNode()) {
                row.put(key, v.size() == 0 ? "" : joined(v));
            } else {
                row.put(key, cell(v));
            }
        }
    }

    private static String joined(JsonNode container) {
        List<String> parts = new ArrayList<>();
        for (JsonNode n : container) {
            parts.add(n.isValueNode() ? n.asText() : n.toString());
        }
        return String.join(", ", parts);
    }

    static Object cell(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        return v.asText();
    }

    /** Orders cells: numbers numerically, then text; blanks last. */
    public static int compareCells(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Number) {
            return -1;
        }
        if (b instanceof Number) {
            return 1;
        }
        return a.toString().compareToIgnoreCase(b.toString());
    }

    /** How a cell reads in the table: whole doubles without ".0", others to at most 2 decimals. */
    public static String format(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        return cell.toString();
    }
}
