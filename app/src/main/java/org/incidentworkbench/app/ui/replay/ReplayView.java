package org.incidentworkbench.app.ui.replay;

import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.incidentworkbench.app.model.JournalLine;
import org.incidentworkbench.app.ui.metrics.ChartAxis;
import org.incidentworkbench.app.ui.metrics.ChartStyle;
import org.incidentworkbench.app.ui.metrics.TimeRange;
import org.incidentworkbench.app.ui.metrics.TimeSeriesCanvas;
import org.incidentworkbench.app.ui.triage.TriageView;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.replay.ReplayState;
import org.incidentworkbench.playbooks.share.BundleSharer;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.incidentworkbench.probe.TriageReport;

/**
 * The replay tab: open a bundle (or a shipped sample), then a scrubber with play, pause, speed and
 * step, and the incident as of the replay time: latest triage per host, charts of the recorded
 * metrics cut at that time with events as markers, the journal so far. Training mode hides the
 * future, asks what next, reveals evidence per answer and shows the comparison at the end.
 */
public final class ReplayView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ReplayViewModel vm;
    private final ListView<String> hosts = new ListView<>();
    private final BorderPane triage = new BorderPane();
    private final ComboBox<String> metric = new ComboBox<>();
    private final ChartAxis axis = new ChartAxis(new TimeRange(0, 1));
    private final TimeSeriesCanvas chart;
    private final ListView<String> journal = new ListView<>();
    private final TabPane tabs = new TabPane();
    private final Label title = new Label("Open a sealed incident (.iwbundle) to replay it or train on it.");
    private final Slider scrubber = new Slider(0, 1, 0);
    private final Label time = new Label("");
    private final Timeline ticker;
    private final javafx.beans.property.BooleanProperty libraryShown = new javafx.beans.property.SimpleBooleanProperty(false);
    private boolean updatingSlider;
    private Map<String, TriageReport> reports = Map.of();

    public ReplayView(ReplayViewModel vm) {
        this.vm = vm;
        setId("replay-view");
        chart = new TimeSeriesCanvas(axis, ChartStyle.LIGHT);
        axis.liveProperty().set(false);
        // the title on a line of its own: in the toolbar it went into the overflow menu below about 1500 px
        title.setId("replay-title");
        title.getStyleClass().add("replay-title");
        title.setPadding(new Insets(2, 8, 2, 8));
        title.setMaxWidth(Double.MAX_VALUE);
        vm.bundleProperty().addListener((o, a, b) -> title.setText(b == null
                ? "Open a sealed incident (.iwbundle) to replay it or train on it."
                : b.manifest().title() + "   (" + b.events().size() + " events, " + b.metrics().size() + " metric series)"));
        setTop(new VBox(toolbar(), title));
        setCenter(center());
        setBottom(new VBox(trainingPane(), scrubberBar()));
        vm.stateProperty().addListener((o, a, s) -> show(s));
        vm.bundleProperty().addListener((o, a, b) -> opened());
        ticker = new Timeline(new KeyFrame(Duration.millis(100), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        setOnKeyPressed(e -> {
            if (e.getTarget() instanceof TextField) {
                return;
            }
            if (e.getCode() == KeyCode.SPACE) {
                vm.togglePlay();
            } else if (e.getCode() == KeyCode.PERIOD) {
                vm.stepNext();
            } else if (e.getCode() == KeyCode.COMMA) {
                vm.stepPrevious();
            } else {
                return;
            }
            e.consume();
        });
        vm.findSamples();
        installRedactThis();
    }

    /**
     * Shows {@code library} beside the replay while "Team library" is on (the library view is built by
     * the window, which owns its folder setting).
     */
    public void setLibrary(javafx.scene.Node library) {
        libraryShown.addListener((o, a, on) -> setLeft(on ? library : null));
        if (libraryShown.get()) {
            setLeft(library);
        }
    }

    /**
     * Adds the replay's own fleet (the replayed hosts as of the replay time) as a tab beside the triage;
     * built by the window, which owns the fleet view. Disabled while no bundle is open.
     */
    public void setFleet(javafx.scene.Node fleet) {
        Tab tab = new Tab("Fleet", fleet);
        tab.setId("replay-fleet-tab");
        tab.disableProperty().bind(vm.bundleProperty().isNull());
        tabs.getTabs().add(1, tab);
    }

    /** Shows one replayed host's triage as of the replay time (a click in the replay's fleet). */
    public void openHost(String host) {
        hosts.getSelectionModel().select(host);
        tabs.getSelectionModel().select(0);
    }

    /** Whether the team library is shown beside the replay. */
    public javafx.beans.property.BooleanProperty libraryShownProperty() {
        return libraryShown;
    }

    private void exportForSharing(boolean keepHosts) {
        vm.openBundle().ifPresent(b -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Write a copy redacted for sharing");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Incident bundles", "*.iwbundle"));
            fc.setInitialFileName(BundleSharer.sharedName(b.file().getFileName().toString()));
            if (b.file().getParent() != null) {
                fc.setInitialDirectory(b.file().getParent().toFile());
            }
            File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.exportForSharing(f.toPath(), keepHosts, n -> { });
            }
        });
    }

    /**
     * "Redact this": a journal line's context menu asks which part of it to hide (the whole line
     * preselected), and selected text anywhere in the replay (raw triage output, tables) gets a context
     * menu with "Redact this" and "Copy". Marked texts are hidden by exports and shared copies.
     */
    private void installRedactThis() {
        MenuItem line = new MenuItem("Redact this...");
        line.setId("replay-redact-line");
        line.setOnAction(e -> {
            String selected = journal.getSelectionModel().getSelectedItem();
            if (selected == null) {
                return;
            }
            String text = selected.length() > 21 ? selected.substring(21) : selected;
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(text);
            d.setTitle("Redact this");
            d.setHeaderText("Cut the text down to what must be hidden; exports and shared copies replace it everywhere.");
            d.initOwner(getScene() == null ? null : getScene().getWindow());
            d.showAndWait().ifPresent(vm::markForRedaction);
        });
        journal.setContextMenu(new javafx.scene.control.ContextMenu(line));
        addEventFilter(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            javafx.scene.Node n = e.getPickResult().getIntersectedNode();
            while (n != null && !(n instanceof javafx.scene.control.TextInputControl)) {
                n = n.getParent();
            }
            if (n instanceof javafx.scene.control.TextInputControl t && !t.getSelectedText().isBlank()) {
                String selected = t.getSelectedText();
                MenuItem redact = new MenuItem("Redact this");
                redact.setId("replay-redact-selection");
                redact.setOnAction(x -> vm.markForRedaction(selected));
                MenuItem copy = new MenuItem("Copy");
                copy.setOnAction(x -> t.copy());
                new javafx.scene.control.ContextMenu(redact, copy).show(t, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
    }

    private javafx.scene.layout.FlowPane toolbar() {
        Button open = new Button("Open bundle...");
        open.setId("replay-open");
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Open an incident bundle");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Incident bundles", "*.iwbundle"));
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.open(f.toPath());
            }
        });
        MenuButton samples = new MenuButton("Samples");
        samples.setId("replay-samples");
        Runnable fill = () -> {
            samples.getItems().clear();
            for (String s : vm.samples()) {
                MenuItem mi = new MenuItem(s.replace(".iwbundle", ""));
                mi.setOnAction(e -> vm.openSample(s));
                samples.getItems().add(mi);
            }
            samples.setDisable(vm.samples().isEmpty());
            samples.setText(vm.samples().isEmpty() ? "No samples shipped" : "Samples (" + vm.samples().size() + ")");
        };
        vm.samples().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();
        ToggleButton train = new ToggleButton("Training");
        train.setId("replay-training");
        train.disableProperty().bind(vm.bundleProperty().isNull());
        train.selectedProperty().addListener((o, a, on) -> {
            if (on && !vm.trainingProperty().get()) {
                vm.startTraining();
            } else if (!on && vm.trainingProperty().get()) {
                vm.stopTraining();
            }
        });
        vm.trainingProperty().addListener((o, a, on) -> train.setSelected(on));
        Button export = new Button("Export postmortem...");
        export.setId("replay-export");
        export.disableProperty().bind(vm.bundleProperty().isNull());
        export.setOnAction(e -> {
            javafx.stage.DirectoryChooser dc = new javafx.stage.DirectoryChooser();
            dc.setTitle("Where to write postmortem.md and its charts");
            File d = dc.showDialog(getScene() == null ? null : getScene().getWindow());
            if (d != null) {
                vm.exportPostmortem(d.toPath(), w -> { });
            }
        });
        MenuItem keepHosts = new MenuItem("Export for sharing, keeping host names...");
        keepHosts.setOnAction(e -> exportForSharing(true));
        javafx.scene.control.SplitMenuButton share = new javafx.scene.control.SplitMenuButton(keepHosts);
        share.setText("Export for sharing...");
        share.setId("replay-share");
        share.setTooltip(new javafx.scene.control.Tooltip("Write a copy with secrets redacted and hosts aliased, for colleagues"
                + " and the team library; this bundle stays as it is"));
        share.disableProperty().bind(vm.bundleProperty().isNull());
        share.setOnAction(e -> exportForSharing(false));
        ToggleButton library = new ToggleButton("Team library");
        library.setId("replay-library");
        library.selectedProperty().bindBidirectional(libraryShown);
        Label marked = new Label();
        marked.setId("replay-marked");
        marked.textProperty().bind(Bindings.size(vm.marked()).asString("%d marked to redact"));
        marked.visibleProperty().bind(Bindings.isNotEmpty(vm.marked()));
        Button close = new Button("Close replay");
        close.setId("replay-close");
        close.setTooltip(new javafx.scene.control.Tooltip("Close the bundle: the hosts pane and the fleet show the live state again"));
        close.disableProperty().bind(vm.bundleProperty().isNull());
        close.setOnAction(e -> vm.close());
        // wraps instead of hiding buttons in an overflow menu: beside the hosts and journal panes the tab is narrow
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(6, 4, open, samples, library, train, export, share, close, marked);
        bar.setId("replay-toolbar");
        bar.getStyleClass().addAll("tool-bar", "replay-toolbar");
        bar.setPadding(new Insets(4, 8, 4, 8));
        return bar;
    }

    private SplitPane center() {
        hosts.setId("replay-hosts");
        hosts.setPlaceholder(new Label("no triage yet at this time"));
        hosts.getSelectionModel().selectedItemProperty().addListener((o, a, h) -> showHost(h));
        triage.setCenter(new Label("Select a host to see its triage as of the replay time."));
        metric.setId("replay-metric");
        metric.valueProperty().addListener((o, a, m) -> drawChart());
        org.incidentworkbench.app.ui.metrics.ChartWithLegend withLegend = new org.incidentworkbench.app.ui.metrics.ChartWithLegend(chart);
        VBox charts = new VBox(4, new HBox(6, new Label("Metric"), metric), withLegend);
        VBox.setVgrow(withLegend, Priority.ALWAYS);
        charts.setPadding(new Insets(4));
        journal.setId("replay-journal");
        tabs.getTabs().setAll(new Tab("Triage", triage), new Tab("Metrics", charts), new Tab("Journal", journal));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("replay-tabs");
        SplitPane split = new SplitPane(hosts, tabs);
        split.setDividerPositions(0.18);
        return split;
    }

    private VBox trainingPane() {
        Label question = new Label();
        question.getStyleClass().add("training-question");
        question.setWrapText(true);
        question.setId("training-message");
        question.textProperty().bind(vm.trainingMessageProperty());
        ChoiceBox<String> kind = new ChoiceBox<>();
        kind.getItems().setAll("triage host", "chart metric", "run command", "hypothesis");
        kind.setValue("triage host");
        kind.setId("training-kind");
        ComboBox<String> host = new ComboBox<>();
        host.setId("training-host");
        host.setPromptText("host");
        ComboBox<String> m = new ComboBox<>();
        m.setId("training-metric");
        m.setPromptText("metric");
        TextField text = new TextField();
        text.setId("training-text");
        text.setPromptText("command or hypothesis");
        HBox.setHgrow(text, Priority.ALWAYS);
        Button answer = new Button("Answer");
        answer.setId("training-answer");
        answer.setOnAction(e -> {
            Optional<TraineeMove> move = switch (kind.getValue()) {
                case "triage host" -> Optional.ofNullable(host.getValue()).map(TraineeMove.TriageHost::new);
                case "chart metric" -> Optional.ofNullable(m.getValue()).map(x -> new TraineeMove.ViewChart(x, Optional.ofNullable(host.getValue())));
                case "run command" -> Optional.ofNullable(host.getValue()).filter(h -> !text.getText().isBlank())
                        .map(h -> new TraineeMove.RunCommand(h, text.getText().strip()));
                default -> Optional.of(text.getText()).filter(t -> !t.isBlank()).map(TraineeMove.StateHypothesis::new);
            };
            if (move.isEmpty()) {
                vm.trainingMessageProperty().set("Choose a host (and a metric, or type the command or hypothesis) first.");
                return;
            }
            vm.answer(move.get());
            text.clear();
        });
        vm.trainingProperty().addListener((o, a, on) -> {
            if (on) {
                host.getItems().setAll(vm.trainingHosts());
                m.getItems().setAll(vm.trainingMetrics());
            }
        });
        TextArea comparison = new TextArea();
        comparison.setId("training-comparison");
        comparison.setEditable(false);
        comparison.setPrefRowCount(8);
        comparison.textProperty().bind(vm.comparisonProperty());
        comparison.visibleProperty().bind(vm.comparisonProperty().isNotEmpty());
        comparison.managedProperty().bind(comparison.visibleProperty());
        HBox row = new HBox(6, kind, host, m, text, answer);
        row.disableProperty().bind(vm.comparisonProperty().isNotEmpty());
        VBox pane = new VBox(6, question, row, comparison);
        pane.setPadding(new Insets(6));
        pane.visibleProperty().bind(vm.trainingProperty());
        pane.managedProperty().bind(vm.trainingProperty());
        return pane;
    }

    private HBox scrubberBar() {
        Button prev = new Button("|<");
        prev.setId("replay-prev");
        prev.setOnAction(e -> vm.stepPrevious());
        Button play = new Button();
        play.setId("replay-play");
        play.textProperty().bind(Bindings.when(vm.playingProperty()).then("Pause").otherwise("Play"));
        play.setOnAction(e -> vm.togglePlay());
        Button next = new Button(">|");
        next.setId("replay-next");
        next.setOnAction(e -> vm.stepNext());
        ChoiceBox<Double> speed = new ChoiceBox<>();
        speed.getItems().setAll(0.5, 1.0, 2.0, 5.0, 10.0, 50.0, 100.0);
        speed.setValue(1.0);
        speed.setId("replay-speed");
        speed.valueProperty().addListener((o, a, s) -> vm.setSpeed(s));
        speed.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double d) {
                return d == null ? "" : (d == Math.rint(d) ? String.valueOf(d.intValue()) : String.valueOf(d)) + "x";
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s.replace("x", ""));
            }
        });
        scrubber.setId("replay-scrubber");
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.valueProperty().addListener((o, a, v) -> {
            if (!updatingSlider) {
                vm.seekFraction(v.doubleValue());
            }
        });
        time.setId("replay-time");
        HBox bar = new HBox(6, prev, play, next, speed, scrubber, time);
        bar.getStyleClass().add("replay-bar");
        bar.disableProperty().bind(vm.bundleProperty().isNull().or(vm.trainingProperty()));
        return bar;
    }

    private void opened() {
        vm.timeline().ifPresent(t -> {
            long from = t.metrics().stream().filter(s -> s.size() > 0).mapToLong(s -> s.timestampAt(0)).min()
                    .orElse(t.start().toEpochMilli());
            long to = Math.max(t.end().toEpochMilli(), from + 60_000);
            axis.rangeProperty().set(new TimeRange(Math.min(from, t.start().toEpochMilli()), to));
            chart.setOnReset(() -> axis.rangeProperty().set(new TimeRange(Math.min(from, t.start().toEpochMilli()), to)));
        });
        List<String> names = vm.metricNames();
        metric.getItems().setAll(names);
        if (!names.isEmpty()) {
            metric.setValue(names.contains("cpu.user") ? "cpu.user" : names.get(0));
        }
    }

    private void show(ReplayState s) {
        if (s == null) {
            return;
        }
        time.setText(TIME.format(s.time()) + (s.closed() ? "  (closed)" : ""));
        updatingSlider = true;
        scrubber.setValue(vm.fraction());
        updatingSlider = false;
        reports = vm.latestReports();
        String selected = hosts.getSelectionModel().getSelectedItem();
        if (!hosts.getItems().equals(List.copyOf(reports.keySet()))) {
            hosts.getItems().setAll(reports.keySet());
        }
        if (selected != null && reports.containsKey(selected)) {
            hosts.getSelectionModel().select(selected);
            showHost(selected);
        } else if (!reports.isEmpty() && selected == null) {
            hosts.getSelectionModel().select(0);
        }
        journal.getItems().setAll(s.events().stream().map(e -> TIME.format(e.time()) + "  " + JournalLine.summary(e)).toList());
        journal.scrollTo(journal.getItems().size() - 1);
        chart.setNow(s.time().toEpochMilli());
        chart.setMarkers(vm.markers());
        drawChart();
    }

    private TriageReport shownReport;

    private void showHost(String host) {
        TriageReport r = host == null ? null : reports.get(host);
        if (r == null) {
            triage.setCenter(new Label(host == null ? "Select a host." : host + " has not been triaged by this time."));
            shownReport = null;
            return;
        }
        if (r != shownReport && (shownReport == null || !r.startedAt().equals(shownReport.startedAt()) || !r.host().equals(shownReport.host()))) {
            triage.setCenter(TriageView.reportContent(r));
        }
        shownReport = r;
    }

    private void drawChart() {
        chart.setTitle(metric.getValue() == null ? "no metrics in this bundle" : metric.getValue());
        chart.setUnit(metric.getValue() == null ? "" : org.incidentworkbench.sample.SampleMetrics.unit(metric.getValue()));
        chart.setSeries(vm.series(metric.getValue()));
    }

    /** For tests and screenshots: the replay's chart. */
    public TimeSeriesCanvas chart() {
        return chart;
    }

    public void stop() {
        ticker.stop();
    }

    static String describe(JournalEvent e) {
        return JournalLine.summary(e);
    }

    static List<MetricSlice> none() {
        return List.of();
    }
}
