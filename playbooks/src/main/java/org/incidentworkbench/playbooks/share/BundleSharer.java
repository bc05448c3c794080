package org.incidentworkbench.playbooks.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.incidentworkbench.playbooks.bundle.Attachment;
import org.incidentworkbench.playbooks.bundle.BundleManifest;
import org.incidentworkbench.playbooks.bundle.BundleWriter;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.bundle.SharingNote;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalHosts;
import org.incidentworkbench.playbooks.journal.RedactionList;

/**
 * Writes a copy of a bundle that can leave the team: every text in it has passed through the
 * {@link Redactor} (with the incident's own {@link RedactionList}), and host names and addresses are
 * aliased ({@link HostAliases}) unless asked to keep them. The original is only read.
 *
 * <p>What passes through: the title and summaries, notes, hypotheses, actions, markers, command lines
 * and their output, every string of each triage report (raw output, parsed fields, findings), chart
 * metric names and host lists, metric slice hosts and label values, and attachments that are UTF-8
 * text. Left out: the redaction list's own entries (they hold the values), and attachments that are
 * not text (a screenshot cannot be redacted). The copy gets a fresh manifest whose
 * {@link SharingNote} counts what was hidden per kind, never the values; times, numbers, event order
 * and metric values stay, so the copy replays and trains like the original.
 *
 * <pre>{@code
 * SharingNote note = BundleSharer.share(IncidentBundle.open(original), Path.of("disk-full-shared.iwbundle"),
 *         new BundleSharer.Options(false, List.of(), "Incident Workbench 0.1.0", clock.instant()));
 * }</pre>
 * Thread-safe (each call has its own state).
 */
public final class BundleSharer {

    /**
     * @param keepHosts  keep host names and addresses as they are ({@code --keep-hosts})
     * @param marked     more texts to hide, on top of the incident's own list (marked in the window during replay)
     * @param writtenBy  product and version recorded in the copy's manifest
     * @param sharedAt   the copy's sealing time
     */
    public record Options(boolean keepHosts, List<String> marked, String writtenBy, Instant sharedAt) {
        public Options {
            marked = marked == null ? List.of() : List.copyOf(marked);
            Objects.requireNonNull(writtenBy, "writtenBy");
            Objects.requireNonNull(sharedAt, "sharedAt");
        }
    }

    private final Redactor redactor;
    private final Optional<HostAliases> aliases;
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    private BundleSharer(Redactor redactor, Optional<HostAliases> aliases) {
        this.redactor = redactor;
        this.aliases = aliases;
    }

    /**
     * Writes the redacted copy to {@code target} (never overwriting a file) and returns its note.
     * @throws java.nio.file.FileAlreadyExistsException when {@code target} exists
     */
    public static SharingNote share(IncidentBundle original, Path target, Options options) throws IOException {
        List<JournalEvent> events = original.events();
        List<String> marked = new ArrayList<>(RedactionList.of(events));
        marked.addAll(options.marked());
        Redactor redactor = Redactor.standard().withMarked(marked);
        Optional<HostAliases> aliases = options.keepHosts() ? Optional.empty() : Optional.of(HostAliases.forHosts(hosts(original)));
        BundleSharer sharer = new BundleSharer(redactor, aliases);

        Map<String, Integer> leftOut = new LinkedHashMap<>();
        List<JournalEvent> shared = new ArrayList<>();
        for (JournalEvent e : events) {
            if (RedactionList.isEntry(e)) {
                leftOut.merge("redaction-list-entry", 1, Integer::sum);
            } else {
                shared.add(sharer.event(e));
            }
        }
        List<MetricSlice> metrics = original.metrics().stream().map(sharer::slice).toList();
        List<Attachment> attachments = new ArrayList<>();
        for (String name : original.attachmentNames()) {
            byte[] bytes = original.attachment(name).orElseThrow();
            Optional<String> text = utf8Text(bytes);
            if (text.isEmpty()) {
                leftOut.merge("binary-attachment", 1, Integer::sum);
                continue;
            }
            attachments.add(new Attachment(sharer.attachmentName(name), sharer.text(text.get()).getBytes(StandardCharsets.UTF_8)));
        }
        aliases.ifPresent(a -> {
            if (a.hostReplacements() > 0) {
                sharer.counts.put("host", a.hostReplacements());
            }
            if (a.ipReplacements() > 0) {
                sharer.counts.put("ip", a.ipReplacements());
            }
        });
        Map<String, String> roles = new LinkedHashMap<>();
        if (!options.keepHosts()) {
            // a role is a word of the real name (web, db), so it passes through the redactor like any text
            hosts(original).forEach(h -> HostRole.of(h).ifPresent(r -> roles.put(sharer.host(h), redactor.redact(r))));
        }
        SharingNote note = new SharingNote(options.sharedAt(), !options.keepHosts(), sharer.counts, leftOut, roles);
        BundleManifest m = original.manifest();
        BundleWriter.seal(shared, metrics, attachments, target,
                new BundleWriter.Options(options.writtenBy(), options.sharedAt(), m.metricsContext(), Optional.of(note)));
        return note;
    }

    /** The usual name of a shared copy: {@code disk-full.iwbundle} is shared as {@code disk-full-shared.iwbundle}. */
    public static String sharedName(String original) {
        String ext = org.incidentworkbench.playbooks.bundle.BundleFormat.EXTENSION;
        String base = original.endsWith(ext) ? original.substring(0, original.length() - ext.length()) : original;
        return (base.endsWith("-shared") ? base : base + "-shared") + ext;
    }

    /** The incident's hosts in the bundle's order, then any other host its events or slices name. */
    private static List<String> hosts(IncidentBundle b) {
        Set<String> hosts = new LinkedHashSet<>(b.manifest().hosts());
        hosts.addAll(JournalHosts.named(b.events()));
        b.metrics().forEach(s -> hosts.add(s.host()));
        hosts.remove("");
        return List.copyOf(hosts);
    }

    String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        Redactor.Result r = redactor.apply(s);
        r.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
        return aliases.map(a -> a.apply(r.text())).orElse(r.text());
    }

    private Optional<String> text(Optional<String> s) {
        return s.map(this::text);
    }

    private String host(String h) {
        return aliases.map(a -> a.host(h)).orElse(h);
    }

    private List<String> hostList(Collection<String> hs) {
        return hs.stream().map(this::host).toList();
    }

    JournalEvent event(JournalEvent e) {
        if (e instanceof JournalEvent.IncidentOpened o) {
            return new JournalEvent.IncidentOpened(o.time(), o.actor(), text(o.incidentId()), text(o.title()), text(o.severity()),
                    hostList(o.hosts()), text(o.summary()));
        } else if (e instanceof JournalEvent.IncidentClosed c) {
            return new JournalEvent.IncidentClosed(c.time(), c.actor(), text(c.summary()), text(c.impact()), text(c.rootCause()),
                    text(c.trigger()), text(c.resolution()), text(c.detection()));
        } else if (e instanceof JournalEvent.TriageRun t) {
            return new JournalEvent.TriageRun(t.time(), t.actor(), host(t.host()), json(t.report().deepCopy()));
        } else if (e instanceof JournalEvent.CommandOutput c) {
            return new JournalEvent.CommandOutput(c.time(), c.actor(), host(c.host()), text(c.command()), c.exitStatus(),
                    text(c.output()), c.duration());
        } else if (e instanceof JournalEvent.ChartViewed c) {
            return new JournalEvent.ChartViewed(c.time(), c.actor(), text(c.metric()), hostList(c.hosts()), c.from(), c.to());
        } else if (e instanceof JournalEvent.Note n) {
            return new JournalEvent.Note(n.time(), n.actor(), text(n.text()), n.tags());
        } else if (e instanceof JournalEvent.Hypothesis h) {
            return new JournalEvent.Hypothesis(h.time(), h.actor(), h.id(), text(h.text()), h.state(), text(h.reason()));
        } else if (e instanceof JournalEvent.ActionTaken a) {
            return new JournalEvent.ActionTaken(a.time(), a.actor(), a.host().map(this::host), text(a.action()), text(a.outcome()));
        } else if (e instanceof JournalEvent.Marker m) {
            return new JournalEvent.Marker(m.time(), m.actor(), text(m.label()));
        }
        throw new IllegalStateException(e.kind() + " events are not handled by the sharer; add them to BundleSharer.event.");
    }

    /** Every string value in the tree passes through {@link #text}; keys, numbers and structure stay. */
    private JsonNode json(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.asText()));
        }
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                f.setValue(json(f.getValue()));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, json(a.get(i)));
            }
        }
        return node;
    }

    private MetricSlice slice(MetricSlice s) {
        SortedMap<String, String> labels = new TreeMap<>();
        s.labels().forEach((k, v) -> labels.put(k, text(v)));
        return new MetricSlice(host(s.host()), s.metric(), labels, s.timestampsMillis(), s.values());
    }

    private String attachmentName(String name) {
        String aliased = aliases.map(a -> a.apply(name)).orElse(name);
        return aliased.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") ? aliased : name;
    }

    /** The bytes as text when they are valid UTF-8 without NUL bytes (what a text file is, here). */
    static Optional<String> utf8Text(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
