package org.incidentworkbench.app.ui.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.incidentworkbench.app.AppInfo;
import org.incidentworkbench.app.model.JournalLine;
import org.incidentworkbench.app.model.ReplayedHosts;
import org.incidentworkbench.app.model.SampleBundles;
import org.incidentworkbench.app.ui.Notice;
import org.incidentworkbench.playbooks.bundle.SharingNote;
import org.incidentworkbench.playbooks.share.BundleSharer;
import org.incidentworkbench.app.ui.metrics.ChartMarker;
import org.incidentworkbench.app.ui.metrics.ChartSeries;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ReplayClock;
import org.incidentworkbench.playbooks.replay.ReplayState;
import org.incidentworkbench.playbooks.replay.TickSource;
import org.incidentworkbench.playbooks.training.MoveOutcome;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.incidentworkbench.playbooks.training.TrainingSession;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageReportJson;

/**
 * Replay and training over a sealed bundle. Replay drives the playbooks' {@link ReplayClock} (play,
 * pause, speed, seek, step) and publishes the {@link ReplayState} as of its time: events so far,
 * latest triage per host, metric slices cut at that time. Training runs a {@link TrainingSession}:
 * the state shown is only what the trainee may see, each answer reveals evidence or lets time pass,
 * and the end shows the comparison with the responders' path. Opening runs on {@code io}; the clock
 * is ticked on the FX thread by the view's timer (a cheap step over the bundle in memory).
 *
 * <p>The whole window follows the replay clock: {@link #replayReportsProperty()} holds the typed
 * latest report per host as of the replay time (the hosts pane and the fleet view show it), and is
 * null when no replay is open, so the window shows its live state again. Every stored report is
 * read back into a typed {@link TriageReport} once, on {@code io}, when the bundle opens; moving the
 * clock only looks them up.
 */
public final class ReplayViewModel {

    /** The window's title while no bundle is open. */
    public static final String WINDOW_TITLE = "Incident Workbench";

    private final Executor io;
    private final Executor fx;
    private final Consumer<Notice> notices;
    private final TickSource ticks;
    private final ObjectProperty<IncidentBundle> bundle = new SimpleObjectProperty<>(null);
    private final ObjectProperty<ReplayState> state = new SimpleObjectProperty<>(null);
    private final ObservableList<JournalEvent> events = FXCollections.observableArrayList();
    private final ObservableList<ChartMarker> markers = FXCollections.observableArrayList();
    private final BooleanProperty playing = new SimpleBooleanProperty(false);
    private final BooleanProperty training = new SimpleBooleanProperty(false);
    private final StringProperty trainingMessage = new SimpleStringProperty("");
    private final StringProperty comparison = new SimpleStringProperty("");
    private final ObservableList<String> samples = FXCollections.observableArrayList();
    private final ObjectProperty<ReplayedHosts> replayReports = new SimpleObjectProperty<>(null);
    private final ObservableList<String> marked = FXCollections.observableArrayList();
    private final StringProperty windowTitle = new SimpleStringProperty(WINDOW_TITLE);
    private boolean trainWhenOpen;
    private Map<JsonNode, TriageReport> typed = Map.of();
    private ReplayClock clock;
    private IncidentTimeline timeline;
    private TrainingSession session;

    public ReplayViewModel(Executor io, Executor fx, Consumer<Notice> notices, TickSource ticks) {
        this.io = io;
        this.fx = fx;
        this.notices = notices;
        this.ticks = ticks;
    }

    /** Looks for shipped samples in the background (offered in the replay tab). */
    public void findSamples() {
        io.execute(() -> {
            List<String> found = SampleBundles.list();
            fx.execute(() -> samples.setAll(found));
        });
    }

    public void openSample(String name) {
        io.execute(() -> {
            try {
                Path p = SampleBundles.extract(name);
                load(p);
            } catch (Exception e) {
                fx.execute(() -> notices.accept(Notice.critical("Could not open the sample " + name, String.valueOf(e.getMessage()))));
            }
        });
    }

    /** Opens a bundle file in the background and shows it at its start. */
    public void open(Path file) {
        io.execute(() -> {
            try {
                load(file);
            } catch (Exception e) {
                fx.execute(() -> notices.accept(Notice.critical("Could not open " + file.getFileName(), String.valueOf(e.getMessage()))));
            }
        });
    }

    private void load(Path file) throws Exception {
        IncidentBundle b = IncidentBundle.open(file);
        IncidentTimeline t = IncidentTimeline.of(b);
        ReplayClock c = ReplayClock.over(t, ticks);
        Map<JsonNode, TriageReport> reports = readReports(t);
        fx.execute(() -> {
            if (clock != null) {
                clock.pause();
            }
            typed = reports;
            timeline = t;
            clock = c;
            session = null;
            training.set(false);
            comparison.set("");
            trainingMessage.set("");
            playing.set(false);
            marked.clear();
            bundle.set(b);
            windowTitle.set(titleFor(b));
            c.addListener(s -> fx.execute(() -> {
                if (clock == c) {
                    publish(s);
                }
            }));
            publish(c.seek(t.start()));
            if (trainWhenOpen) {
                trainWhenOpen = false;
                startTraining();
            }
        });
    }

    /**
     * The window's title for an open bundle: its file and, for an original, that it is not redacted
     * for sharing (it may hold secrets), so nobody sends it on by mistake.
     */
    static String titleFor(IncidentBundle b) {
        String name = b.file().getFileName().toString();
        return WINDOW_TITLE + " - " + name + (b.manifest().redactedForSharing()
                ? " (redacted for sharing)"
                : " (not redacted for sharing: may hold secrets)");
    }

    /** Opens a bundle and starts training on it as soon as it is open (the library's "Train"). */
    public void openForTraining(Path file) {
        trainWhenOpen = true;
        open(file);
    }

    /**
     * Adds a text to the redaction list of this replay: export and sharing from this window hide it.
     * A sealed bundle is never changed; the incident's own list (recorded while it was open) applies too.
     */
    public void markForRedaction(String text) {
        if (text == null || text.isBlank()) {
            notices.accept(Notice.warning("Nothing to redact", "Select the text to hide first."));
            return;
        }
        String t = text.strip();
        if (!marked.contains(t)) {
            marked.add(t);
        }
    }

    /** Texts marked "redact this" in this replay, in the order they were marked. */
    public ObservableList<String> marked() {
        return marked;
    }

    /** The window's title: which bundle is open and whether it was redacted for sharing. */
    public StringProperty windowTitleProperty() {
        return windowTitle;
    }

    /**
     * Writes a copy of the open bundle redacted for sharing ({@link BundleSharer}, with the texts marked
     * here) to {@code target} in the background; {@code done} gets the copy's note.
     */
    public void exportForSharing(Path target, boolean keepHosts, Consumer<SharingNote> done) {
        IncidentBundle b = bundle.get();
        if (b == null) {
            return;
        }
        List<String> marks = List.copyOf(marked);
        io.execute(() -> {
            try {
                SharingNote note = BundleSharer.share(b, target, new BundleSharer.Options(keepHosts, marks, AppInfo.product(),
                        Instant.now()));
                fx.execute(() -> {
                    notices.accept(Notice.info("Shared copy written to " + target.getFileName(), note.describe()));
                    done.accept(note);
                });
            } catch (Exception e) {
                fx.execute(() -> notices.accept(Notice.critical("Could not write the shared copy", String.valueOf(e.getMessage()))));
            }
        });
    }

    /** The open bundle, or empty. */
    public Optional<IncidentBundle> openBundle() {
        return Optional.ofNullable(bundle.get());
    }

    /** Every triage in the bundle as a typed report, keyed by its stored JSON (read once, off the FX thread). */
    private static Map<JsonNode, TriageReport> readReports(IncidentTimeline t) {
        Map<JsonNode, TriageReport> out = new IdentityHashMap<>();
        for (JournalEvent e : t.events()) {
            if (e instanceof JournalEvent.TriageRun run) {
                try {
                    out.put(run.report(), TriageReportJson.read(run.report()));
                } catch (IllegalArgumentException ex) {
                    // a report this version cannot read back is skipped; its line in the journal remains
                }
            }
        }
        return out;
    }

    private void publish(ReplayState s) {
        Map<String, TriageReport> latest = new LinkedHashMap<>();
        s.latestTriage().forEach((host, run) -> {
            TriageReport r = typed.get(run.report());
            if (r != null) {
                latest.put(host, r);
            }
        });
        replayReports.set(new ReplayedHosts(s.time(), latest));
        state.set(s);
        events.setAll(s.events());
        markers.setAll(s.events().stream().filter(e -> !(e instanceof JournalEvent.ChartViewed))
                .map(e -> new ChartMarker(e.time().toEpochMilli(), JournalLine.summary(e))).toList());
    }

    /** Writes the open bundle's postmortem (Markdown and chart PNGs) into {@code dir} in the background. */
    public void exportPostmortem(Path dir, Consumer<PostmortemExport.Written> done) {
        IncidentBundle b = bundle.get();
        if (b == null) {
            return;
        }
        List<String> marks = List.copyOf(marked);
        io.execute(() -> {
            try {
                PostmortemExport.Written w = PostmortemExport.write(b, dir, marks);
                fx.execute(() -> {
                    notices.accept(Notice.info("Postmortem written", w.markdown() + " and " + w.charts().size() + " chart(s)"));
                    done.accept(w);
                });
            } catch (Exception e) {
                fx.execute(() -> notices.accept(Notice.critical("Could not write the postmortem", String.valueOf(e.getMessage()))));
            }
        });
    }

    public boolean isOpen() {
        return clock != null;
    }

    public void play() {
        if (clock != null && !training.get()) {
            clock.play();
            playing.set(true);
        }
    }

    public void pause() {
        if (clock != null) {
            clock.pause();
            playing.set(false);
        }
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Called by the view's timer while playing. */
    public void tick() {
        if (clock != null && clock.playing()) {
            publish(clock.tick());
            if (clock.atEnd()) {
                pause();
            }
        }
    }

    public void setSpeed(double speed) {
        if (clock != null) {
            clock.setSpeed(speed);
        }
    }

    public void stepNext() {
        if (clock != null && !training.get()) {
            publish(clock.stepNext());
        }
    }

    public void stepPrevious() {
        if (clock != null && !training.get()) {
            publish(clock.stepPrevious());
        }
    }

    /** Seeks to a fraction (0..1) of the incident's time span (the scrubber). */
    public void seekFraction(double f) {
        if (clock != null && !training.get()) {
            long a = timeline.start().toEpochMilli();
            long b = timeline.end().toEpochMilli();
            publish(clock.seek(Instant.ofEpochMilli(a + Math.round((b - a) * Math.max(0, Math.min(1, f))))));
        }
    }

    public double fraction() {
        ReplayState s = state.get();
        if (s == null || timeline == null) {
            return 0;
        }
        long a = timeline.start().toEpochMilli();
        long b = timeline.end().toEpochMilli();
        return b <= a ? 1 : (s.time().toEpochMilli() - a) / (double) (b - a);
    }

    /** Starts training over the open bundle: the future is hidden and the trainee is asked what next. */
    public void startTraining() {
        if (timeline == null) {
            return;
        }
        pause();
        session = TrainingSession.over(timeline);
        training.set(true);
        comparison.set("");
        trainingMessage.set("What would you do next? Triage a host, look at a chart, run a command, or state a hypothesis.");
        publish(session.visible());
    }

    /** The trainee's move: shows what it revealed; at the end, the comparison with the responders. */
    public MoveOutcome answer(TraineeMove move) {
        MoveOutcome o = session.answer(move);
        trainingMessage.set(o.message());
        publish(session.visible());
        if (session.finished()) {
            comparison.set(String.join("\n", session.finish().describe()));
            trainingMessage.set("Training finished: the comparison with the responders is below.");
        }
        return o;
    }

    public void stopTraining() {
        training.set(false);
        session = null;
        if (clock != null) {
            publish(clock.state());
        }
    }

    public List<String> trainingHosts() {
        return session == null ? List.of() : session.hosts();
    }

    public List<String> trainingMetrics() {
        return session == null ? List.of() : session.metrics();
    }

    /** The latest recorded triage of each host as of the replay time, back as typed reports. */
    public Map<String, TriageReport> latestReports() {
        ReplayedHosts m = replayReports.get();
        return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m.reports());
    }

    /**
     * The latest triage per host as of the replay (or training) time; null while no replay is open,
     * which tells the window to show its live state.
     */
    public ObjectProperty<ReplayedHosts> replayReportsProperty() {
        return replayReports;
    }

    /** Closes the open bundle: the window shows its live hosts and fleet again. */
    public void close() {
        if (clock != null) {
            clock.pause();
        }
        playing.set(false);
        training.set(false);
        session = null;
        clock = null;
        timeline = null;
        typed = Map.of();
        comparison.set("");
        trainingMessage.set("");
        events.clear();
        marked.clear();
        windowTitle.set(WINDOW_TITLE);
        markers.clear();
        replayReports.set(null);
        state.set(null);
        bundle.set(null);
    }

    /** Metric names in the bundle's slices. */
    public List<String> metricNames() {
        ReplayState s = state.get();
        if (s == null) {
            return List.of();
        }
        return s.metrics().stream().map(MetricSlice::metric).distinct().sorted().toList();
    }

    /** The slices of one metric cut at the replay time, as chart lines. */
    public List<ChartSeries> series(String metric) {
        ReplayState s = state.get();
        List<ChartSeries> out = new ArrayList<>();
        if (s == null || metric == null) {
            return out;
        }
        for (MetricSlice m : s.metrics()) {
            if (m.metric().equals(metric)) {
                String label = m.host() + (m.labels().isEmpty() ? "" : " " + m.labels().toString().replaceAll("[{}]", ""));
                out.add(ChartSeries.of(label, m.timestampsMillis(), m.values()));
            }
        }
        return out;
    }

    public Optional<IncidentTimeline> timeline() {
        return Optional.ofNullable(timeline);
    }

    public ObjectProperty<IncidentBundle> bundleProperty() {
        return bundle;
    }

    public ObjectProperty<ReplayState> stateProperty() {
        return state;
    }

    public ObservableList<JournalEvent> events() {
        return events;
    }

    public ObservableList<ChartMarker> markers() {
        return markers;
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public BooleanProperty trainingProperty() {
        return training;
    }

    public StringProperty trainingMessageProperty() {
        return trainingMessage;
    }

    public StringProperty comparisonProperty() {
        return comparison;
    }

    public ObservableList<String> samples() {
        return samples;
    }
}
