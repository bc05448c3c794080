package org.incidentworkbench.hosts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentworkbench.ssh.SshConfigSyntax;

/**
 * Reads an Ansible inventory, INI or YAML, into host entries whose roles are the inventory's groups.
 *
 * <p>INI, as in Ansible's {@code ini} inventory plugin:
 * <pre>
 * mail.example.com                        -> ungrouped (role guessed from the name)
 * [web]
 * web-[01:03].example.com                 -> web-01.., web-02.., web-03.example.com, role web
 * lb ansible_host=10.0.0.9 ansible_user=ops ansible_port=2222   -> connects to ops@10.0.0.9:2222
 * [prod:children]
 * web                                     -> web hosts also get role prod (after web)
 * [prod:vars]                             -> ignored
 * </pre>
 * YAML, as in its {@code yaml} plugin: {@code all: {hosts: {...}, children: {web: {hosts: {web-1: {ansible_host: ...}}}}}}.
 * A host's roles are the groups that list it directly, then their parent groups, nearest first;
 * {@code all} and {@code ungrouped} are not roles. Ranges {@code [01:50]}, {@code [01:50:2]} and
 * {@code [a:f]} are expanded. Variables other than {@code ansible_host}, {@code ansible_user} and
 * {@code ansible_port} are ignored; Jinja templates and dynamic inventory scripts are not run.
 *
 * <p>YAML is read with Jackson's YAML module (the product's JSON library already, so one small
 * dependency instead of a hand-written YAML parser). Stateless and thread-safe.
 */
public final class AnsibleInventory {

    private static final Pattern RANGE = Pattern.compile("\\[([0-9]+|[a-zA-Z]):([0-9]+|[a-zA-Z])(?::([0-9]+))?\\]");
    private static final Set<String> NOT_ROLES = Set.of("all", "ungrouped");

    private AnsibleInventory() {
    }

    /** Reads a file, YAML when its name ends in .yml/.yaml or its text starts like YAML, else INI. */
    public static HostImport read(Path file) throws IOException {
        String text = Files.readString(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yml") || name.endsWith(".yaml") || looksLikeYaml(text)) {
            return parseYaml(text);
        }
        return parseIni(text);
    }

    static boolean looksLikeYaml(String text) {
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            return line.equals("---") || (line.endsWith(":") && !line.startsWith("["));
        }
        return false;
    }

    public static HostImport parseIni(String text) {
        Groups g = new Groups(HostSource.ANSIBLE_INI);
        String section = "ungrouped";
        String kind = "hosts";
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String header = line.substring(1, line.length() - 1).strip();
                int colon = header.indexOf(':');
                section = colon < 0 ? header : header.substring(0, colon);
                kind = colon < 0 ? "hosts" : header.substring(colon + 1);
                g.group(section);
                continue;
            }
            String[] fields = SshConfigSyntax.tokens(line).toArray(String[]::new);
            if (fields.length == 0) {
                continue;
            }
            switch (kind) {
                case "hosts" -> {
                    Map<String, String> vars = new LinkedHashMap<>();
                    for (int i = 1; i < fields.length; i++) {
                        int eq = fields[i].indexOf('=');
                        if (eq > 0) {
                            vars.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
                        }
                    }
                    String pattern = fields[0];
                    OptionalInt port = OptionalInt.empty();
                    // host:port shorthand (not for IPv6, which has more colons)
                    // ranges hold colons too ([01:03]), so only a colon after the last ']' can start a port
                    int afterRanges = pattern.lastIndexOf(']') + 1;
                    int colon = pattern.lastIndexOf(':');
                    if (colon >= afterRanges && colon > 0 && pattern.indexOf(':', afterRanges) == colon) {
                        try {
                            port = OptionalInt.of(Integer.parseInt(pattern.substring(colon + 1)));
                            pattern = pattern.substring(0, colon);
                        } catch (NumberFormatException e) {
                            g.notes.add("Line " + lineNo + ": '" + fields[0] + "' has a port that is not a number; taken as a name.");
                        }
                    }
                    for (String host : expandRanges(pattern)) {
                        g.addHost(section, host, vars, port);
                    }
                }
                case "children" -> g.addChild(section, fields[0]);
                case "vars" -> { }
                default -> g.notes.add("Line " + lineNo + ": section [" + section + ":" + kind + "] is not one Ansible knows; its lines were skipped.");
            }
        }
        return g.result();
    }

    public static HostImport parseYaml(String text) {
        Groups g = new Groups(HostSource.ANSIBLE_YAML);
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new HostImport(List.of(), List.of("The inventory is not valid YAML: " + e.getOriginalMessage()
                    + ". Check its indentation, or save it as INI."));
        }
        if (root == null || !root.isObject()) {
            return new HostImport(List.of(), List.of("The YAML inventory has no groups at its top level (expected for example 'all:')."));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            walkYamlGroup(g, e.getKey(), e.getValue(), 0);
        }
        return g.result();
    }

    private static void walkYamlGroup(Groups g, String group, JsonNode node, int depth) {
        g.group(group);
        if (node == null || !node.isObject() || depth > 64) {
            return;
        }
        JsonNode hosts = node.get("hosts");
        if (hosts != null && hosts.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = hosts.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> h = it.next();
                Map<String, String> vars = new LinkedHashMap<>();
                if (h.getValue() != null && h.getValue().isObject()) {
                    h.getValue().fields().forEachRemaining(v -> {
                        if (v.getValue().isValueNode()) {
                            vars.put(v.getKey(), v.getValue().asText());
                        }
                    });
                }
                for (String host : expandRanges(h.getKey())) {
                    g.addHost(group, host, vars, OptionalInt.empty());
                }
            }
        } else if (hosts != null && !hosts.isNull()) {
            g.notes.add("Group '" + group + "' lists its hosts as a " + hosts.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + "; Ansible expects a mapping (host: vars), so they were skipped.");
        }
        JsonNode children = node.get("children");
        if (children != null && children.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = children.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                g.addChild(group, c.getKey());
                walkYamlGroup(g, c.getKey(), c.getValue(), depth + 1);
            }
        }
    }

    /** Expands Ansible's host ranges: {@code web[01:03]} → web01, web02, web03; {@code db-[a:c]} → db-a..db-c. */
    public static List<String> expandRanges(String pattern) {
        Matcher m = RANGE.matcher(pattern);
        if (!m.find()) {
            return List.of(pattern);
        }
        String head = pattern.substring(0, m.start());
        List<String> tails = expandRanges(pattern.substring(m.end()));
        String from = m.group(1);
        String to = m.group(2);
        int step = m.group(3) == null ? 1 : Math.max(1, Integer.parseInt(m.group(3)));
        List<String> out = new ArrayList<>();
        if (Character.isDigit(from.charAt(0)) && Character.isDigit(to.charAt(0))) {
            int a = Integer.parseInt(from);
            int b = Integer.parseInt(to);
            int width = from.length();
            for (int i = a; i <= b && out.size() < 100_000; i += step) {
                String num = from.startsWith("0") && width > 1 ? String.format("%0" + width + "d", i) : Integer.toString(i);
                for (String t : tails) {
                    out.add(head + num + t);
                }
            }
        } else if (!Character.isDigit(from.charAt(0)) && !Character.isDigit(to.charAt(0))) {
            for (char c = from.charAt(0); c <= to.charAt(0); c += (char) step) {
                for (String t : tails) {
                    out.add(head + c + t);
                }
            }
        } else {
            return List.of(pattern);
        }
        return out;
    }

    /** Group membership as read, turned into entries with roles at the end. */
    private static final class Groups {
        final HostSource source;
        final Map<String, List<String>> direct = new LinkedHashMap<>();   // host -> groups listing it
        final Map<String, Set<String>> parents = new LinkedHashMap<>();   // group -> parent groups
        final Map<String, Map<String, String>> vars = new LinkedHashMap<>();
        final Map<String, OptionalInt> ports = new LinkedHashMap<>();
        final Set<String> groups = new LinkedHashSet<>();
        final List<String> notes = new ArrayList<>();

        Groups(HostSource source) {
            this.source = source;
        }

        void group(String name) {
            groups.add(name);
        }

        void addHost(String group, String host, Map<String, String> hostVars, OptionalInt port) {
            direct.computeIfAbsent(host, h -> new ArrayList<>());
            if (!direct.get(host).contains(group)) {
                direct.get(host).add(group);
            }
            vars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(hostVars);
            if (port.isPresent()) {
                ports.put(host, port);
            }
        }

        void addChild(String parent, String child) {
            groups.add(child);
            parents.computeIfAbsent(child, c -> new LinkedHashSet<>()).add(parent);
        }

        HostImport result() {
            List<HostEntry> out = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : direct.entrySet()) {
                String host = e.getKey();
                List<String> roles = new ArrayList<>();
                Deque<String> queue = new ArrayDeque<>(e.getValue());
                Set<String> seen = new LinkedHashSet<>();
                while (!queue.isEmpty()) {
                    String grp = queue.poll();
                    if (!seen.add(grp)) {
                        continue;
                    }
                    if (!NOT_ROLES.contains(grp)) {
                        roles.add(grp);
                    }
                    queue.addAll(parents.getOrDefault(grp, Set.of()));
                }
                Map<String, String> v = vars.getOrDefault(host, Map.of());
                OptionalInt port = ports.getOrDefault(host, OptionalInt.empty());
                if (v.containsKey("ansible_port") || v.containsKey("ansible_ssh_port")) {
                    try {
                        port = OptionalInt.of(Integer.parseInt(v.getOrDefault("ansible_port", v.get("ansible_ssh_port"))));
                    } catch (NumberFormatException ex) {
                        notes.add("Host " + host + " has ansible_port '" + v.get("ansible_port") + "', not a number; port 22 is used.");
                    }
                }
                Optional<String> address = Optional.ofNullable(v.getOrDefault("ansible_host", v.get("ansible_ssh_host")));
                Optional<String> user = Optional.ofNullable(v.getOrDefault("ansible_user", v.get("ansible_ssh_user")));
                out.add(new HostEntry(host, roles, source, address, user, port));
            }
            if (out.isEmpty()) {
                notes.add("The inventory names no hosts.");
            }
            return new HostImport(out, notes);
        }
    }
}
