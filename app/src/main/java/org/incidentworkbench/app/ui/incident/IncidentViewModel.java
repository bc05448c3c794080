package org.incidentworkbench.app.ui.incident;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.incidentworkbench.app.model.JournalLine;
import org.incidentworkbench.app.services.IncidentRecording;
import org.incidentworkbench.app.services.IncidentService;
import org.incidentworkbench.app.services.StoreService;
import org.incidentworkbench.app.ui.Notice;
import org.incidentworkbench.app.ui.metrics.ChartMarker;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.probe.TriageReport;

/**
 * Recording an incident from the window: the record button opens one through the app's
 * {@link IncidentService} (the same journal the CLI writes, flushed per event); notes, hypotheses and
 * markers come from the journal box (Ctrl+N from anywhere); every triage run and every chart looked at
 * is recorded on its own; closing seals the bundle with the metric slices of the incident's hosts from
 * the store. Journal and store work runs on {@code io}; the timeline list is updated on {@code fx}.
 */
public final class IncidentViewModel {

    /** What the journal box adds. */
    public enum EntryKind { NOTE, HYPOTHESIS, MARKER }

    private final IncidentService service;
    private final Supplier<StoreService> store;
    private final Executor io;
    private final Executor fx;
    private final Consumer<Notice> notices;
    private final ObjectProperty<IncidentRecording> recording = new SimpleObjectProperty<>(null);
    private final StringProperty title = new SimpleStringProperty("");
    private final ObservableList<JournalEvent> events = FXCollections.observableArrayList();
    private final ObservableList<ChartMarker> markers;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<Path> lastBundle = new SimpleObjectProperty<>(null);

    public IncidentViewModel(IncidentService service, Supplier<StoreService> store, Executor io, Executor fx,
                             Consumer<Notice> notices, ObservableList<ChartMarker> markers) {
        this.service = service;
        this.store = store;
        this.io = io;
        this.fx = fx;
        this.notices = notices;
        this.markers = markers;
    }

    public BooleanBinding recordingBinding() {
        return Bindings.isNotNull(recording);
    }

    public boolean isRecording() {
        return recording.get() != null;
    }

    /** Opens a new incident and starts recording (FX thread; the journal is created on {@code io}). */
    public void start(String incidentTitle, String severity, List<String> hosts) {
        if (isRecording()) {
            return;
        }
        busy.set(true);
        io.execute(() -> {
            try {
                IncidentRecording r = service.open(incidentTitle, severity, hosts, Optional.empty());
                List<JournalEvent> sofar = r.events();
                r.addListener(e -> fx.execute(() -> add(e)));
                fx.execute(() -> {
                    events.setAll(sofar);
                    markers.clear();
                    sofar.forEach(this::mark);
                    recording.set(r);
                    title.set(incidentTitle);
                    busy.set(false);
                    notices.accept(Notice.info("Recording " + incidentTitle, "Journal: " + r.journalFile()));
                });
            } catch (IOException | RuntimeException e) {
                failed("Could not start the incident", e);
            }
        });
    }

    /** Adds a note, hypothesis or marker to the journal (no-op with a notice when nothing is recorded). */
    public void add(EntryKind kind, String text) {
        IncidentRecording r = recording.get();
        if (text == null || text.isBlank()) {
            return;
        }
        if (r == null) {
            notices.accept(Notice.warning("No incident is being recorded", "Press Record (Ctrl+Shift+R) first; then notes go into its journal."));
            return;
        }
        io.execute(() -> {
            try {
                switch (kind) {
                    case NOTE -> r.note(text.strip(), List.of());
                    case HYPOTHESIS -> r.hypothesis(text.strip());
                    case MARKER -> r.marker(text.strip());
                }
            } catch (IOException | RuntimeException e) {
                failed("Could not write to the journal", e);
            }
        });
    }

    /** Adds a text to the open incident's redaction list (the journal's "Redact this..."). */
    public void redact(String text) {
        IncidentRecording r = recording.get();
        if (text == null || text.isBlank()) {
            return;
        }
        if (r == null) {
            notices.accept(Notice.warning("No incident is being recorded", "Texts are marked for redaction in a recorded incident "
                    + "or a replayed bundle."));
            return;
        }
        io.execute(() -> {
            try {
                r.redact(text);
            } catch (IOException | RuntimeException e) {
                failed("Could not write to the journal", e);
            }
        });
    }

    /** Confirms or rejects a hypothesis stated earlier (the journal's context menu). */
    public void updateHypothesis(String id, org.incidentworkbench.playbooks.journal.HypothesisState state, String reason) {
        IncidentRecording r = recording.get();
        if (r == null) {
            return;
        }
        io.execute(() -> {
            try {
                r.updateHypothesis(id, state, Optional.ofNullable(reason).filter(x -> !x.isBlank()));
            } catch (IOException | RuntimeException e) {
                failed("Could not update hypothesis " + id, e);
            }
        });
    }

    /** Records a finished triage when recording (called with every report). */
    public void recordTriage(TriageReport report) {
        IncidentRecording r = recording.get();
        if (r != null) {
            io.execute(() -> {
                try {
                    r.triage(report);
                } catch (IOException | RuntimeException e) {
                    failed("Could not record the triage of " + report.host(), e);
                }
            });
        }
    }

    /** Records that a chart was looked at (metric, hosts, range) when recording. */
    public void recordChart(String metric, List<String> hosts, long fromMillis, long toMillis) {
        IncidentRecording r = recording.get();
        if (r != null) {
            io.execute(() -> {
                try {
                    r.chart(metric, hosts, Instant.ofEpochMilli(fromMillis), Instant.ofEpochMilli(toMillis));
                } catch (IOException | RuntimeException e) {
                    failed("Could not record the chart", e);
                }
            });
        }
    }

    /** Closes the incident and seals its bundle (with the metric slices of its hosts) on {@code io}. */
    public void closeAndSeal(String summary) {
        IncidentRecording r = recording.get();
        if (r == null) {
            return;
        }
        busy.set(true);
        io.execute(() -> {
            try {
                JournalEvent.IncidentClosed closing = JournalEvent.IncidentClosed.plain(r.now(), r.actor(),
                        summary == null || summary.isBlank() ? null : summary.strip());
                IncidentService.Sealed sealed = service.closeAndSeal(r, closing, store.get().metricSlices(), List.of());
                fx.execute(() -> {
                    recording.set(null);
                    busy.set(false);
                    lastBundle.set(sealed.bundle());
                    notices.accept(Notice.info("Incident sealed", "Bundle: " + sealed.bundle()));
                });
            } catch (IOException | RuntimeException e) {
                failed("Could not close and seal the incident", e);
            }
        });
    }

    private void add(JournalEvent e) {
        events.add(e);
        mark(e);
    }

    private void mark(JournalEvent e) {
        String label = JournalLine.summary(e);
        if (!(e instanceof JournalEvent.ChartViewed)) {
            markers.add(new ChartMarker(e.time().toEpochMilli(), label));
        }
    }

    private void failed(String what, Exception e) {
        fx.execute(() -> {
            busy.set(false);
            notices.accept(Notice.critical(what, e.getMessage() == null ? e.toString() : e.getMessage()));
        });
    }

    public ObservableList<JournalEvent> events() {
        return events;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public ObjectProperty<IncidentRecording> recordingProperty() {
        return recording;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<Path> lastBundleProperty() {
        return lastBundle;
    }

    public IncidentService service() {
        return service;
    }
}
