package org.incidentworkbench.playbooks.journal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An incident's own redaction list: texts a responder marked "redact this" in the window (a host
 * name, a customer's name, a secret no pattern knows). Each entry is a {@code note} tagged
 * {@value #TAG} whose text is the value, so the list lives in the journal (format 1 needs no new
 * event kind for it) and travels with the original bundle. Exports and shared copies replace every
 * listed text and never show these notes; the original keeps them, since it is the private copy.
 *
 * <pre>{@code
 * writer.append(RedactionList.entry(clock.instant(), "alice", "db-7.corp.acme"));
 * Redactor r = Redactor.standard().withMarked(RedactionList.of(events));
 * }</pre>
 * Thread-safe (stateless).
 */
public final class RedactionList {

    /** The note tag that makes a note an entry of the list. */
    public static final String TAG = "redact";

    private RedactionList() {
    }

    /** A new entry: the note that adds {@code text} to the list. */
    public static JournalEvent.Note entry(Instant time, String actor, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("There is nothing to redact: select the text to hide first.");
        }
        return new JournalEvent.Note(time, actor, text, List.of(TAG));
    }

    public static boolean isEntry(JournalEvent event) {
        return event instanceof JournalEvent.Note n && n.tags().contains(TAG);
    }

    /** The listed texts, in the order they were marked, each once. */
    public static List<String> of(List<JournalEvent> events) {
        Set<String> texts = new LinkedHashSet<>();
        for (JournalEvent e : events) {
            if (isEntry(e)) {
                texts.add(((JournalEvent.Note) e).text());
            }
        }
        return List.copyOf(texts);
    }

    /** The events without the list's entries (what a reader of an export or a shared copy sees). */
    public static List<JournalEvent> without(List<JournalEvent> events) {
        return events.stream().filter(e -> !isEntry(e)).toList();
    }
}
