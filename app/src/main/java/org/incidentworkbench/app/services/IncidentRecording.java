package org.incidentworkbench.app.services;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.playbooks.bundle.Attachment;
import org.incidentworkbench.playbooks.journal.HypothesisState;
import org.incidentworkbench.playbooks.journal.JournalContents;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalReader;
import org.incidentworkbench.playbooks.journal.JournalWriter;
import org.incidentworkbench.probe.TriageReport;

/**
 * An incident being recorded: each method appends one event to the journal and returns once it is
 * on disk, so a crash of the workbench loses nothing recorded. Obtained from {@link IncidentService}
 * ({@code open} or {@code resume}); closed by {@link IncidentService#closeAndSeal} or {@link #close()}
 * (which only stops recording; the incident stays open and can be resumed).
 *
 * <p>Thread-safe: the UI may record from any thread; listeners are called on the recording thread
 * after the event is on disk.
 */
public final class IncidentRecording implements AutoCloseable {

    /** Directory beside the journal where {@link #attach} keeps files until the incident is sealed. */
    static final String ATTACHMENTS_DIR = "attachments";

    private final String id;
    private final Path journal;
    private final JournalWriter writer;
    private final Clock clock;
    private final String actor;
    private final List<Consumer<JournalEvent>> listeners = new CopyOnWriteArrayList<>();

    IncidentRecording(String id, Path journal, JournalWriter writer, Clock clock, String actor) {
        this.id = id;
        this.journal = journal;
        this.writer = writer;
        this.clock = clock;
        this.actor = actor;
    }

    public String id() {
        return id;
    }

    public Path journalFile() {
        return journal;
    }

    public String actor() {
        return actor;
    }

    /** What the journal held when this recording was resumed (a torn last line is reported there). */
    public JournalContents resumedFrom() {
        return writer.resumedFrom();
    }

    /** Registers a listener for every event recorded from now on; the handle removes it. */
    public Runnable addListener(Consumer<JournalEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Appends any event (its time and actor as given). */
    public <E extends JournalEvent> E record(E event) throws IOException {
        writer.append(event);
        for (Consumer<JournalEvent> l : listeners) {
            l.accept(event);
        }
        return event;
    }

    public JournalEvent.Note note(String text, List<String> tags) throws IOException {
        return record(new JournalEvent.Note(now(), actor, text, tags));
    }

    /**
     * Adds {@code text} to the incident's own redaction list ("redact this" in the window): exports and
     * shared copies hide it everywhere. Recorded as a note tagged {@code redact} ({@code RedactionList}).
     */
    public JournalEvent.Note redact(String text) throws IOException {
        return record(org.incidentworkbench.playbooks.journal.RedactionList.entry(now(), actor(), text.strip()));
    }

    public JournalEvent.Marker marker(String label) throws IOException {
        return record(new JournalEvent.Marker(now(), actor, label));
    }

    /** States a new hypothesis (state open) with the next free id ({@code h1}, {@code h2}...). */
    public synchronized JournalEvent.Hypothesis hypothesis(String text) throws IOException {
        long n = events().stream().filter(JournalEvent.Hypothesis.class::isInstance)
                .map(e -> ((JournalEvent.Hypothesis) e).id()).distinct().count();
        return record(new JournalEvent.Hypothesis(now(), actor, "h" + (n + 1), text, HypothesisState.OPEN, Optional.empty()));
    }

    /** Updates a hypothesis: confirms or rejects it (or reopens it), with an optional reason. */
    public JournalEvent.Hypothesis updateHypothesis(String hypothesisId, HypothesisState state, Optional<String> reason)
            throws IOException {
        JournalEvent.Hypothesis last = events().stream().filter(JournalEvent.Hypothesis.class::isInstance)
                .map(JournalEvent.Hypothesis.class::cast).filter(h -> h.id().equals(hypothesisId))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("There is no hypothesis " + hypothesisId + " in incident " + id + "."));
        return record(new JournalEvent.Hypothesis(now(), actor, hypothesisId, last.text(), state, reason));
    }

    public JournalEvent.ActionTaken action(Optional<String> host, String action, Optional<String> outcome) throws IOException {
        return record(new JournalEvent.ActionTaken(now(), actor, host, action, outcome));
    }

    public JournalEvent.ChartViewed chart(String metric, List<String> hosts, Instant from, Instant to) throws IOException {
        return record(new JournalEvent.ChartViewed(now(), actor, metric, hosts, from, to));
    }

    public JournalEvent.CommandOutput command(String host, String command, int exitStatus, String output, Duration duration)
            throws IOException {
        return record(new JournalEvent.CommandOutput(now(), actor, host, command, exitStatus, output, duration));
    }

    /** Records a triage report as the JSON {@code Json.mapper()} writes (contract F). */
    public JournalEvent.TriageRun triage(TriageReport report) throws IOException {
        JsonNode json = Json.mapper().valueToTree(report);
        return record(new JournalEvent.TriageRun(now(), actor, report.host(), json));
    }

    /**
     * Keeps a file with the incident (a log excerpt, a screenshot, a config) and records a marker
     * saying so; sealing puts it into the bundle under {@code attachments/NAME}. The file is written
     * beside the journal and forced to disk first, so the marker never names a file that is not there.
     *
     * @param name a plain file name (letters, digits, '.', '_', '-'); an existing attachment of that name is refused
     */
    public JournalEvent.Marker attach(String name, byte[] content) throws IOException {
        new Attachment(name, content); // validates the name with a sentence
        Path dir = journal.resolveSibling(ATTACHMENTS_DIR);
        Files.createDirectories(dir);
        Path file = dir.resolve(name);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "incident " + id + " already has an attachment called " + name + "; choose another name");
        }
        return marker("attached " + name + " (" + content.length + " bytes)");
    }

    /** The journal as it is on disk now. */
    public List<JournalEvent> events() throws IOException {
        return JournalReader.read(journal).events();
    }

    /** The recording clock's current time (UTC, millisecond precision), for events built by the caller. */
    public Instant now() {
        return clock.instant();
    }

    /** Stops recording without closing the incident (it can be resumed). */
    @Override
    public void close() throws IOException {
        writer.close();
    }
}
