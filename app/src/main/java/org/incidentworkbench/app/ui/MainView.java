package org.incidentworkbench.app.ui;

import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import org.incidentworkbench.app.ui.fleet.FleetView;
import org.incidentworkbench.app.ui.fleet.FleetViewModel;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.app.ui.hosts.HostsView;
import org.incidentworkbench.app.ui.hosts.HostsViewModel;
import org.incidentworkbench.app.ui.incident.IncidentViewModel;
import org.incidentworkbench.app.ui.incident.JournalView;
import org.incidentworkbench.app.ui.metrics.ChartMarker;
import org.incidentworkbench.app.ui.metrics.MetricsView;
import org.incidentworkbench.app.ui.metrics.MetricsViewModel;
import org.incidentworkbench.app.ui.metrics.SamplingViewModel;
import org.incidentworkbench.app.ui.replay.ReplayView;
import org.incidentworkbench.app.ui.replay.ReplayViewModel;
import org.incidentworkbench.app.ui.triage.TriageView;
import org.incidentworkbench.app.ui.triage.TriageViewModel;

/**
 * The window's content, as DESIGN's sketch draws it: toolbar on top, hosts on the left, the work
 * tabs in the middle, the journal on the right, the status (or replay) bar at the bottom, and the F1
 * help overlay above everything. It wires views to view-models and shortcuts to commands; it does
 * no work itself.
 */
public final class MainView extends StackPane {

    private final WorkbenchContext ctx;
    private final Notifier notifier;
    private final HostsViewModel hostsVm;
    private final TriageViewModel triageVm;
    private final FleetViewModel fleetVm;
    /** The replay's fleet, beside the replay: never the live one. */
    private final FleetViewModel replayFleetVm;
    private final MetricsViewModel metricsVm;
    private final SamplingViewModel samplingVm;
    private final org.incidentworkbench.app.ui.metrics.SarHistoryViewModel sarHistoryVm;
    private MetricsView metricsView;
    private final ObservableList<ChartMarker> markers = FXCollections.observableArrayList();
    private final Button sampleButton = new Button("\u25CF Sample");
    private final Label samplingState = new Label();
    private final Button recordButton = new Button("\u25CF Record");
    private final IncidentViewModel incidentVm;
    private ReplayViewModel replayVm;
    private ReplayView replayView;
    private org.incidentworkbench.app.ui.library.LibraryViewModel libraryVm;
    private final JournalView journalView;
    private final HostsView hostsView;
    private final TabPane tabs = new TabPane();
    private final SplitPane split = new SplitPane();
    private final BorderPane frame = new BorderPane();
    private final HelpOverlay help = new HelpOverlay();
    private final ToolBar toolbar = new ToolBar();
    private final HBox statusBar = new HBox(12);
    private final Button triageButton = new Button("Triage");
    private final ToggleButton themeButton = new ToggleButton("Dark");
    private final ObservableList<String> recent = FXCollections.observableArrayList();

    public MainView(WorkbenchContext ctx, Notifier notifier) {
        this.ctx = ctx;
        this.notifier = notifier;
        setId("main-view");
        Notifier.prewarm();
        recent.setAll(ctx.prefs().recentHosts());
        hostsVm = new HostsViewModel(ctx.hosts(), ctx.io(), FxExecutors.fxThread());
        hostsView = new HostsView(hostsVm, recent);
        triageVm = new TriageViewModel(ctx.triager(), ctx.network(), FxExecutors.fxThread(), notifier);

        incidentVm = new IncidentViewModel(ctx.app().incidentService(), ctx.store(), ctx.io(), FxExecutors.fxThread(), notifier, markers);
        journalView = new JournalView(incidentVm);
        buildToolbar();
        TriageView triageView = new TriageView(triageVm);
        triageView.setOnWelcomeSample(this::openFirstSample);
        Tab triageTab = new Tab("Triage", triageView);
        triageTab.setId("tab-triage");
        tabs.getTabs().add(triageTab);
        org.incidentworkbench.app.services.TriageHistory triageHistory = org.incidentworkbench.app.services.TriageHistory.standard();
        fleetVm = new FleetViewModel(hostsVm.rows(), FxExecutors::nextFrame, java.time.Instant::now, new FleetViewModel.Sources(
                triageHistory::previous,
                (host, now) -> new org.incidentworkbench.app.services.FleetTrends(ctx.store().get()).of(host, now),
                ctx.io(), FxExecutors.fxThread()));
        replayFleetVm = new FleetViewModel(FXCollections.observableArrayList(), FxExecutors::nextFrame, java.time.Instant::now,
                FleetViewModel.Sources.NONE);
        Tab fleetTab = new Tab("Fleet");
        lazyContent(fleetTab, () -> new FleetView(fleetVm, this::openHost));
        fleetTab.setId("tab-fleet");
        tabs.getTabs().add(fleetTab);
        metricsVm = new MetricsViewModel(ctx.store(), ctx.io(), FxExecutors.fxThread(), System::currentTimeMillis);
        samplingVm = new SamplingViewModel(ctx.store(), ctx.sshTransport(), ctx.resolver(), ctx.io(), FxExecutors.fxThread(),
                ctx.poller(), hostsVm::find, ctx.samplingInterval());
        sarHistoryVm = new org.incidentworkbench.app.ui.metrics.SarHistoryViewModel(ctx.store(), ctx.sshTransport(), ctx.resolver(),
                ctx.io(), FxExecutors.fxThread(), metricsVm::showSince);
        // the metrics and replay views are built when first shown: a quicker first window
        Tab metricsTab = new Tab("Metrics");
        lazyContent(metricsTab, this::metricsView);
        metricsTab.setId("tab-metrics");
        tabs.getTabs().add(metricsTab);
        replayVm = new ReplayViewModel(ctx.io(), FxExecutors.fxThread(), notifier, org.incidentworkbench.playbooks.replay.TickSource.SYSTEM);
        Tab replayTab = new Tab("Replay & training");
        lazyContent(replayTab, this::replayView);
        replayTab.setId("tab-replay");
        tabs.getTabs().add(replayTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("work-tabs");

        split.getItems().addAll(hostsView, tabs, journalView);
        double[] div = ctx.prefs().dividers();
        split.setDividerPositions(div.length > 1 ? div : new double[] {0.2, 0.8});
        SplitPane.setResizableWithParent(journalView, false);
        SplitPane.setResizableWithParent(hostsView, false);

        buildStatusBar();
        frame.setTop(toolbar);
        frame.setCenter(split);
        frame.setBottom(statusBar);
        getChildren().addAll(frame, help);

        // one selected host: show its report
        hostsVm.selected().addListener((ListChangeListener<HostRow>) c -> {
            if (hostsVm.selected().size() == 1) {
                triageVm.shownProperty().set(hostsVm.selected().get(0));
            }
            metricsVm.hosts().setAll(hostsVm.selected().stream().map(HostRow::name).toList());
            if (ctx.sshTransport() instanceof org.incidentworkbench.app.services.WarmConnections warm) {
                warm.hold(hostsVm.selected().stream().map(HostRow::name).collect(java.util.stream.Collectors.toSet()));
            }
        });
        triageVm.onReport(incidentVm::recordTriage);
        // a chart looked at during an incident is part of its story
        metricsVm.metricProperty().addListener((o, a, m) -> recordChart());
        metricsVm.hosts().addListener((ListChangeListener<String>) c -> recordChart());
        replayVm.replayReportsProperty().addListener((o, a, replayed) -> showReplayed(replayed));
        hostsVm.load(() -> { });
    }

    private final java.util.Map<String, HostRow> replayRows = new java.util.HashMap<>();
    private static final java.time.format.DateTimeFormatter AS_OF =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    /**
     * The replay's own fleet follows the replay clock: each replayed host's report as of the replay time,
     * in rows of its own. The live hosts pane, Triage tab, fleet and journal never see them, so closing
     * the replay leaves the live screens as they were. Only publishing happens here: the reports were
     * read back when the bundle opened.
     */
    private void showReplayed(org.incidentworkbench.app.model.ReplayedHosts replayed) {
        if (replayed == null) {
            replayRows.clear();
            replayFleetVm.showLive(); // its live hosts are none: the replay's Fleet tab is empty (and disabled) until the next bundle
            return;
        }
        List<HostRow> rows = new java.util.ArrayList<>();
        replayed.reports().forEach((name, report) -> {
            HostRow row = replayRows.computeIfAbsent(name, n -> new HostRow(
                    org.incidentworkbench.hosts.HostEntry.named(n, org.incidentworkbench.hosts.HostSource.TYPED)));
            row.reportProperty().set(report);
            rows.add(row);
        });
        replayFleetVm.showReplay(rows, replayed.time(), AS_OF.format(replayed.time()));
    }

    private void buildToolbar() {
        triageButton.setId("triage-button");
        triageButton.disableProperty().bind(Bindings.isEmpty(hostsVm.selected()));
        triageButton.setOnAction(e -> triageSelected());
        sampleButton.setId("sample-button");
        sampleButton.disableProperty().bind(Bindings.isEmpty(hostsVm.selected()));
        sampleButton.setOnAction(e -> sampleSelected());
        watchSampling();
        recordButton.setId("record-button");
        recordButton.textProperty().bind(Bindings.when(incidentVm.recordingBinding()).then("\u25A0 Close & seal").otherwise("\u25CF Record"));
        recordButton.setOnAction(e -> toggleRecording());
        recordButton.disableProperty().bind(incidentVm.busyProperty());
        ProgressBar progress = new ProgressBar();
        progress.setId("triage-progress");
        progress.progressProperty().bind(triageVm.progressProperty());
        progress.visibleProperty().bind(triageVm.busyProperty());
        Label progressText = new Label();
        progressText.textProperty().bind(Bindings.createStringBinding(
                () -> triageVm.busyProperty().get() ? triageVm.batchDoneProperty().get() + " of " + triageVm.batchTotalProperty().get() + " hosts" : "",
                triageVm.busyProperty(), triageVm.batchDoneProperty(), triageVm.batchTotalProperty()));
        themeButton.setId("theme-button");
        themeButton.setSelected(ctx.prefs().dark());
        // the button names the theme it switches to, as a light switch names "on" when it is off
        themeButton.textProperty().bind(Bindings.when(themeButton.selectedProperty()).then("Light").otherwise("Dark"));
        themeButton.selectedProperty().addListener((o, a, dark) -> {
            ctx.prefs().dark(dark);
            if (getScene() != null) {
                applyTheme(getScene(), dark);
            }
        });
        Button pasteButton = new Button("Paste output\u2026");
        pasteButton.setId("paste-button");
        pasteButton.setTooltip(new Tooltip("Read command output copied from a terminal (ps, df, ss, top, iostat, ip, w, uptime,"
                + " free, vmstat, logs): the same views and findings as a triage (" + Shortcuts.PASTE.keys().getDisplayText() + ")"));
        pasteButton.setOnAction(e -> pasteOutput());
        Button helpButton = new Button("?");
        helpButton.setId("help-button");
        helpButton.setOnAction(e -> help.toggle());
        HBox spacer = new HBox();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label incidentLabel = new Label();
        incidentLabel.setId("incident-label");
        incidentLabel.textProperty().bind(Bindings.createStringBinding(() -> incidentVm.isRecording()
                ? "Incident: " + incidentVm.titleProperty().get() : "Incident: none", incidentVm.recordingProperty(), incidentVm.titleProperty()));
        incidentVm.recordingProperty().addListener((o, a, r) -> {
            if (r != null) {
                incidentLabel.getStyleClass().add("recording");
            } else {
                incidentLabel.getStyleClass().remove("recording");
            }
        });
        // tooltips are popup windows, each with a scene: made after the first frame, which shows none
        FxExecutors.afterNextFrame(() -> {
            triageButton.setTooltip(new Tooltip("Triage the selected hosts (" + Shortcuts.TRIAGE.keys().getDisplayText() + ")"));
            sampleButton.setTooltip(new Tooltip("Start or stop sampling the selected hosts every second into the metrics store ("
                    + Shortcuts.SAMPLE.keys().getDisplayText() + ")"));
            recordButton.setTooltip(new Tooltip("Record an incident: triages, charts and notes go into its journal; closing seals a bundle ("
                    + Shortcuts.RECORD.keys().getDisplayText() + ")"));
            Tooltip themeTip = new Tooltip();
            themeTip.textProperty().bind(Bindings.when(themeButton.selectedProperty()).then("Switch to the light theme")
                    .otherwise("Switch to the dark theme").concat(" (" + Shortcuts.THEME.keys().getDisplayText() + ")"));
            themeButton.setTooltip(themeTip);
            helpButton.setTooltip(new Tooltip("Keyboard shortcuts (F1)"));
        });
        toolbar.getItems().addAll(recordButton, incidentLabel, new javafx.scene.control.Separator(), triageButton, progress, progressText, sampleButton,
                samplingState, new javafx.scene.control.Separator(), pasteButton, spacer, themeButton, helpButton);
    }

    /**
     * The Sample button says what it will do for the selection (start, or stop when every selected host
     * samples already), and a label beside it how many hosts are being sampled, so sampling is never
     * running unseen.
     */
    private void watchSampling() {
        samplingState.setId("sampling-state");
        samplingState.getStyleClass().add("sampling-active");
        java.util.Set<HostRow> watched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Runnable update = () -> {
            long running = hostsVm.rows().stream().filter(r -> r.samplingProperty().get()).count();
            boolean stop = !hostsVm.selected().isEmpty() && hostsVm.selected().stream().allMatch(r -> r.samplingProperty().get());
            sampleButton.setText(stop ? "\u25A0 Stop sampling" : "\u25CF Sample");
            samplingState.setText(running == 0 ? "" : "sampling " + running + (running == 1 ? " host" : " hosts"));
        };
        Runnable attach = () -> {
            for (HostRow r : hostsVm.rows()) {
                if (watched.add(r)) {
                    r.samplingProperty().addListener(o -> update.run());
                }
            }
            update.run();
        };
        hostsVm.rows().addListener((ListChangeListener<HostRow>) c -> attach.run());
        hostsVm.selected().addListener((ListChangeListener<HostRow>) c -> update.run());
        attach.run();
    }

    private void buildStatusBar() {
        Label last = new Label();
        last.setId("status-text");
        notifier.history().addListener((ListChangeListener<Notice>) c -> {
            if (!notifier.history().isEmpty()) {
                Notice n = notifier.history().get(notifier.history().size() - 1);
                last.setText(n.title() + ": " + n.text().replace('\n', ' '));
            }
        });
        statusBar.getStyleClass().add("status-bar");
        statusBar.setPadding(new Insets(2, 8, 2, 8));
        statusBar.getChildren().add(last);
    }

    /** Shows one host's triage (from the fleet table, a notification, the journal). */
    public void openHost(HostRow host) {
        hostsView.select(List.of(host.name()));
        triageVm.shownProperty().set(host);
        tabs.getSelectionModel().select(0);
    }

    /** Triage the hosts selected in the hosts pane (the toolbar button and Ctrl+T). */
    public void triageSelected() {
        List<HostRow> sel = List.copyOf(hostsVm.selected());
        if (sel.isEmpty()) {
            // Ctrl+T works with nothing selected too: it says what to do rather than nothing
            notifier.accept(Notice.warning("Nothing to triage", hostsVm.rows().isEmpty()
                    ? "Add a host first (user@host:port under the hosts list, or Import), select it, then press "
                    + Shortcuts.TRIAGE.keys().getDisplayText() + "."
                    : "Select one or more hosts in the hosts pane (for example 'local' under 'this machine'), then press "
                    + Shortcuts.TRIAGE.keys().getDisplayText() + "."));
            return;
        }
        List<String> names = sel.stream().map(HostRow::name).toList();
        recent.setAll(ctx.prefs().touchRecent(names));
        tabs.getSelectionModel().select(0);
        triageVm.triage(sel);
    }

    private void recordChart() {
        Tab shown = tabs.getSelectionModel().getSelectedItem();
        // only a chart actually on screen is part of the story (not every click in the host tree)
        if (incidentVm.isRecording() && shown != null && "tab-metrics".equals(shown.getId())) {
            var r = metricsVm.axis().range();
            incidentVm.recordChart(metricsVm.metricProperty().get(), List.copyOf(metricsVm.hosts()), r.fromMillis(), r.toMillis());
        }
    }

    /** The record button: asks for a title and opens an incident, or asks for a summary and closes and seals it. */
    public void toggleRecording() {
        if (!incidentVm.isRecording()) {
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.setTitle("Record an incident");
            d.setHeaderText("What is happening? (the incident's title, for example \"web-1 returns 500s\")");
            d.showAndWait().filter(t -> !t.isBlank()).ifPresent(this::startIncident);
        } else {
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.setTitle("Close and seal the incident");
            d.setHeaderText("Summary: what happened and how it was resolved (goes into the postmortem)");
            d.showAndWait().ifPresent(this::closeIncident);
        }
    }

    /** Opens an incident over the selected hosts (the record button after its dialog). */
    public void startIncident(String title) {
        incidentVm.start(title, "", hostsVm.selected().stream().map(HostRow::name).toList());
    }

    public void closeIncident(String summary) {
        incidentVm.closeAndSeal(summary);
    }

    /** Starts sampling the selected hosts that are not sampled, or stops them all when all are (button and Ctrl+Shift+S). */
    public void sampleSelected() {
        List<HostRow> sel = List.copyOf(hostsVm.selected());
        if (!sel.isEmpty()) {
            samplingVm.toggle(sel);
        }
    }

    /** Installs the shortcuts and the theme on the scene; call once the scene exists. */
    public void install(Scene scene) {
        scene.getStylesheets().add(css("workbench.css"));
        // the title says which bundle is replayed and whether it is an original that may hold secrets
        replayVm.windowTitleProperty().addListener((o, a, t) -> {
            if (scene.getWindow() instanceof javafx.stage.Stage stage) {
                stage.setTitle(t);
            }
        });
        applyTheme(scene, ctx.prefs().dark());
        scene.getAccelerators().put(Shortcuts.TRIAGE.keys(), this::triageSelected);
        scene.getAccelerators().put(Shortcuts.HELP.keys(), help::toggle);
        scene.getAccelerators().put(Shortcuts.SAMPLE.keys(), this::sampleSelected);
        scene.getAccelerators().put(Shortcuts.RECORD.keys(), this::toggleRecording);
        scene.getAccelerators().put(Shortcuts.NOTE.keys(), journalView::focusInput);
        scene.getAccelerators().put(Shortcuts.OPEN_BUNDLE.keys(), () -> {
            javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
            fc.setTitle("Open an incident bundle");
            fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Incident bundles", "*.iwbundle"));
            java.io.File f = fc.showOpenDialog(scene.getWindow());
            if (f != null) {
                openBundle(f.toPath());
            }
        });
        scene.getAccelerators().put(Shortcuts.PASTE.keys(), this::pasteOutput);
        scene.getAccelerators().put(Shortcuts.THEME.keys(), () -> themeButton.setSelected(!themeButton.isSelected()));
        scene.getAccelerators().put(Shortcuts.SEARCH.keys(), () -> Optional.ofNullable(scene.lookup("#host-search")).ifPresent(Node::requestFocus));
        scene.getAccelerators().put(Shortcuts.TAB_TRIAGE.keys(), () -> selectTab(0));
        scene.getAccelerators().put(Shortcuts.TAB_FLEET.keys(), () -> selectTab(1));
        scene.getAccelerators().put(Shortcuts.TAB_METRICS.keys(), () -> selectTab(2));
        scene.getAccelerators().put(Shortcuts.TAB_REPLAY.keys(), () -> selectTab(3));
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && help.isVisible()) {
                help.setVisible(false);
                e.consume();
            }
        });
        for (Tab t : tabs.getTabs()) {
            if (t.getText().equals(ctx.prefs().tab())) {
                tabs.getSelectionModel().select(t);
            }
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, a, t) -> {
            if (t != null) {
                ctx.prefs().tab(t.getText());
            }
            if (t != null && "tab-metrics".equals(t.getId())) {
                recordChart();
            }
        });
    }

    private void selectTab(int i) {
        if (i < tabs.getTabs().size()) {
            tabs.getSelectionModel().select(i);
        }
    }

    static String css(String name) {
        return MainView.class.getResource(name).toExternalForm();
    }

    static void applyTheme(Scene scene, boolean dark) {
        scene.getStylesheets().removeIf(s -> s.endsWith("light.css") || s.endsWith("dark.css"));
        scene.getStylesheets().add(css(dark ? "dark.css" : "light.css"));
    }

    /**
     * Opens the "paste command output" window, reading the clipboard's text at once when it holds some (the usual
     * case: the engineer copied it in a terminal and pressed the shortcut).
     */
    public org.incidentworkbench.app.ui.triage.PasteWindow pasteOutput() {
        return org.incidentworkbench.app.ui.triage.PasteWindow.open(getScene() == null ? null : getScene().getWindow(), ctx.io(), true);
    }

    /** Saves the layout to the preferences (the window calls it when closing). */
    public void close() {
        if (metricsView != null) {
            metricsView.stop();
        }
        if (replayView != null) {
            replayView.stop();
        }
        samplingVm.close();
    }

    public void rememberLayout() {
        ctx.prefs().dividers(split.getDividerPositions());
        ctx.prefs().flush();
    }

    public HostsViewModel hosts() {
        return hostsVm;
    }

    public HostsView hostsView() {
        return hostsView;
    }

    public TriageViewModel triage() {
        return triageVm;
    }

    public FleetViewModel fleet() {
        return fleetVm;
    }

    /** The replayed hosts as of the replay time, shown in the replay tab's own Fleet tab. */
    public FleetViewModel replayFleet() {
        return replayFleetVm;
    }

    public MetricsViewModel metrics() {
        return metricsVm;
    }

    public MetricsView metricsView() {
        if (metricsView == null) {
            metricsView = new MetricsView(metricsVm, markers, themeButton.selectedProperty());
            metricsView.offerHistory(sarHistoryVm, () -> sarHistoryVm.load(List.copyOf(hostsVm.selected())));
        }
        return metricsView;
    }

    private static void lazyContent(Tab tab, java.util.function.Supplier<Node> content) {
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected() && tab.getContent() == null) {
                tab.setContent(content.get());
            }
        });
    }

    /** "Load 7 days of history from sysstat" (the metrics tab's button). */
    public org.incidentworkbench.app.ui.metrics.SarHistoryViewModel sarHistory() {
        return sarHistoryVm;
    }

    public SamplingViewModel sampling() {
        return samplingVm;
    }

    public ObservableList<ChartMarker> markers() {
        return markers;
    }

    public IncidentViewModel incident() {
        return incidentVm;
    }

    public JournalView journalView() {
        return journalView;
    }

    public ReplayViewModel replay() {
        return replayVm;
    }

    /** The team library (built with the replay view). */
    public org.incidentworkbench.app.ui.library.LibraryViewModel library() {
        replayView();
        return libraryVm;
    }

    public ReplayView replayView() {
        if (replayView == null) {
            replayView = new ReplayView(replayVm);
            replayView.setFleet(new FleetView(replayFleetVm, row -> replayView.openHost(row.name())));
            libraryVm = new org.incidentworkbench.app.ui.library.LibraryViewModel(ctx.io(), FxExecutors.fxThread(), notifier,
                    org.incidentworkbench.app.ui.library.LibraryViewModel.remembered(ctx.prefs()::libraryFolder, ctx.prefs()::libraryFolder),
                    this::openBundle, f -> {
                        replayVm.openForTraining(f);
                        tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
                    });
            replayView.setLibrary(new org.incidentworkbench.app.ui.library.LibraryView(libraryVm, replayVm::openBundle));
        }
        return replayView;
    }

    /** Shows the replay tab and opens the first shipped sample (the first-launch button). */
    public void openFirstSample() {
        tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
        replayView();
        if (!replayVm.samples().isEmpty()) {
            replayVm.openSample(replayVm.samples().get(0));
        } else {
            replayVm.samples().addListener(new ListChangeListener<String>() {
                @Override
                public void onChanged(Change<? extends String> c) {
                    replayVm.samples().removeListener(this);
                    if (!replayVm.samples().isEmpty()) {
                        replayVm.openSample(replayVm.samples().get(0));
                    }
                }
            });
        }
    }

    /** Opens a bundle in the replay tab (Ctrl+O asks for the file). */
    public void openBundle(java.nio.file.Path bundle) {
        replayVm.open(bundle);
        tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
    }

    public TabPane tabs() {
        return tabs;
    }

    public HelpOverlay help() {
        return help;
    }
}
