package org.incidentworkbench.app.ui.triage;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.DataTable;
import org.incidentworkbench.app.model.FailureExplanation;
import org.incidentworkbench.app.model.ReportTables;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.TriageReport;

/**
 * One host's triage: findings first (severity-coloured, with evidence and hint), then a tab per probe
 * with its tables and raw text; or, when the host could not be reached, the explained failure. Shows
 * the host in {@link TriageViewModel#shownProperty()}.
 */
public final class TriageView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Label header = new Label();
    private Runnable onWelcomeSample = () -> { };
    private HostRow current;
    /** The report whose nodes are shown, so a status change only retitles instead of rebuilding. */
    private TriageReport shownReport;
    private boolean shownTriaging;
    private final javafx.beans.InvalidationListener redraw = o -> show(current);

    public TriageView(TriageViewModel vm) {
        getStyleClass().add("triage-view");
        setId("triage-view");
        header.getStyleClass().add("report-header");
        header.setId("report-header");
        header.setPadding(new Insets(6));
        setTop(header);
        vm.shownProperty().addListener((o, a, b) -> {
            if (b != null) {
                show(b);
            }
        });
        show(null);
    }

    private void show(HostRow row) {
        if (current != null && current != row) {
            current.reportProperty().removeListener(redraw);
            current.triagingProperty().removeListener(redraw);
        }
        if (row != null && current != row) {
            row.reportProperty().addListener(redraw);
            row.triagingProperty().addListener(redraw);
        }
        boolean sameReport = row != null && row == current && row.report().orElse(null) == shownReport
                && (shownReport != null || row.triagingProperty().get() == shownTriaging);
        current = row;
        if (sameReport && shownReport != null) {
            header.setText(headerText(shownReport, row));
            return;
        }
        shownReport = row == null ? null : row.report().orElse(null);
        shownTriaging = row != null && row.triagingProperty().get();
        if (row == null) {
            header.setText("No host triaged yet");
            javafx.scene.control.Label text = new javafx.scene.control.Label("Select one or more hosts on the left and press Triage (Ctrl+T).\n"
                    + "\"local\" triages this machine without SSH. Import your hosts with Import (ssh config, known_hosts, Ansible).");
            text.getStyleClass().add("placeholder");
            text.setWrapText(true);
            javafx.scene.control.Button sample = new javafx.scene.control.Button("New here? Replay a sample incident and train on it");
            sample.setId("welcome-sample");
            sample.setOnAction(e -> onWelcomeSample.run());
            VBox welcome = new VBox(16, text, sample);
            welcome.setPadding(new Insets(24));
            setCenter(welcome);
            return;
        }
        if (row.report().isEmpty()) {
            header.setText(row.name());
            setCenter(placeholder(row.triagingProperty().get() ? "Triaging " + row.name() + "..." : row.name() + " has not been triaged yet. Press Triage (Ctrl+T)."));
            return;
        }
        TriageReport report = row.report().get();
        header.setText(headerText(report, row));
        if (report.failure().isPresent()) {
            setCenter(failurePane(FailureExplanation.of(report.host(), report.failure().get())));
            return;
        }
        // findings now, the probe tabs on the next turn of the FX thread: two short steps instead of one long one
        BorderPane probes = new BorderPane(new Label("loading probe tables..."));
        SplitPane split = new SplitPane(findingsPane(report), probes);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        setCenter(split);
        org.incidentworkbench.app.ui.FxExecutors.nextFrame(() -> {
            if (shownReport == report) {
                probes.setCenter(probeTabs(report));
            }
        });
    }

    /** What the first-launch button does (the window opens the replay tab with a shipped sample). */
    public void setOnWelcomeSample(Runnable r) {
        onWelcomeSample = r;
    }

    private static String headerText(TriageReport report, HostRow row) {
        return report.host() + "   " + report.target() + "   " + TIME.format(report.startedAt())
                + "   " + report.duration().toMillis() + " ms" + (row.triagingProperty().get() ? "   (triaging again...)" : "");
    }

    /**
     * A report as the triage tab shows it (findings, then the probe tabs; or the explained failure),
     * for the replay, which shows recorded reports without a live host row.
     */
    public static Node reportContent(TriageReport report) {
        if (report.failure().isPresent()) {
            return failurePane(FailureExplanation.of(report.host(), report.failure().get()));
        }
        SplitPane split = new SplitPane(findingsPane(report), probeTabs(report));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.38);
        return split;
    }

    private static Node placeholder(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("placeholder");
        l.setWrapText(true);
        BorderPane p = new BorderPane(l);
        p.setPadding(new Insets(24));
        return p;
    }

    static Node failurePane(FailureExplanation e) {
        Label headline = new Label(e.headline());
        headline.getStyleClass().addAll("failure-headline");
        headline.setId("failure-headline");
        Label message = new Label(e.message());
        message.setWrapText(true);
        message.setId("failure-message");
        TextArea detail = new TextArea(e.detail());
        detail.setEditable(false);
        detail.getStyleClass().add("raw-text");
        detail.setId("failure-detail");
        detail.setPrefRowCount(Math.min(12, Math.max(3, e.detail().split("\n").length + 1)));
        detail.setVisible(!e.detail().isBlank());
        detail.setManaged(!e.detail().isBlank());
        Label fixTitle = new Label("What to do");
        fixTitle.getStyleClass().add("section-title");
        Label fix = new Label(e.fix());
        fix.setWrapText(true);
        fix.setId("failure-fix");
        VBox box = new VBox(8, headline, message, detail, fixTitle, fix);
        box.getStyleClass().add("failure-pane");
        box.setPadding(new Insets(16));
        ScrollPane sp = new ScrollPane(box);
        sp.setFitToWidth(true);
        return sp;
    }

    private static Node findingsPane(TriageReport report) {
        return findingsPane(report, true);
    }

    /** The findings list, with the coverage line for a triage (a pasted output has no coverage to speak of). */
    static Node findingsPane(TriageReport report, boolean coverage) {
        ListView<Object> list = new ListView<>();
        list.setId("findings");
        list.getItems().addAll(report.findings());
        if (coverage) {
            list.getItems().add(new CoverageSummary(report.coverage()));
        }
        for (ProbeResult r : report.results()) {
            if (!(r instanceof ProbeResult.Parsed)) {
                list.getItems().add(r);
            } else if (r instanceof ProbeResult.Parsed p && !p.notes().isEmpty()) {
                list.getItems().add(p);
            }
        }
        if (list.getItems().isEmpty()) {
            list.setPlaceholder(new Label(coverage ? "No findings: every probe is within its thresholds."
                    : "No findings: nothing in this output crosses a finding's threshold."));
        }
        list.setCellFactory(l -> new FindingCell());
        return list;
    }

    private static Node probeTabs(TriageReport report) {
        TabPane tabs = new TabPane();
        tabs.setId("probe-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (ProbeResult r : report.results()) {
            // content is built when the tab is first shown: nine tables and raw texts at once cost the FX thread a second
            Tab t = new Tab(r.probe());
            t.setOnSelectionChanged(e -> {
                if (t.isSelected() && t.getContent() == null) {
                    t.setContent(probeContent(r));
                }
            });
            t.setId("probe-" + r.probe());
            if (!(r instanceof ProbeResult.Parsed)) {
                t.getStyleClass().add("probe-failed");
            }
            tabs.getTabs().add(t);
        }
        if (!tabs.getTabs().isEmpty()) {
            // the first tab's tables one more turn later: each step stays short on a slow machine
            Tab first = tabs.getTabs().get(0);
            org.incidentworkbench.app.ui.FxExecutors.nextFrame(() -> {
                if (first.getContent() == null) {
                    first.setContent(probeContent(report.results().get(0)));
                }
            });
        }
        return tabs;
    }

    static Node probeContent(ProbeResult r) {
        VBox top = new VBox(4);
        top.setPadding(new Insets(4));
        String note = null;
        if (r instanceof ProbeResult.Parsed p) {
            List<String> lines = new java.util.ArrayList<>(p.notes());
            p.warnings().forEach(w -> lines.add("parser: " + w));
            note = lines.isEmpty() ? null : String.join("\n", lines);
        } else if (r instanceof ProbeResult.ParseFailed f) {
            note = "The output was not recognised, so it is shown as text: " + f.reason();
        } else if (r instanceof ProbeResult.CommandFailed f) {
            note = f.message();
        } else if (r instanceof ProbeResult.TimedOut t) {
            note = "The probe did not finish within " + t.limit().toSeconds() + " s; what arrived before is shown.";
        }
        if (note != null) {
            Label l = new Label(note);
            l.setWrapText(true);
            l.getStyleClass().add(r instanceof ProbeResult.Parsed ? "probe-note" : "probe-problem");
            top.getChildren().add(l);
        }
        java.util.function.Supplier<Node> raw = () -> {
            TextArea area = new TextArea(r.raw());
            area.setEditable(false);
            area.getStyleClass().add("raw-text");
            VBox.setVgrow(area, Priority.ALWAYS);
            return area;
        };
        if (r instanceof ProbeResult.Parsed p && p.data() != null) {
            List<DataTable> tables = ReportTables.of(p);
            TabPane inner = new TabPane();
            inner.setId("probe-inner-tabs");
            inner.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            // the purpose-built view first (ProbeViews); every field's table and the raw text stay one click away
            java.util.Optional<Node> view = org.incidentworkbench.app.ui.triage.probes.ProbeViews.view(p);
            if (view.isPresent()) {
                Tab viewTab = new Tab(org.incidentworkbench.app.ui.triage.probes.ProbeViews.title(p.probe()).orElse("view"), view.get());
                viewTab.setId("probe-view-" + p.probe());
                inner.getTabs().add(viewTab);
            }
            for (DataTable t : tables) {
                Tab tab = new Tab(t.name() + " (" + t.rows().size() + ")");
                lazy(tab, () -> new DataTableView(t));
                inner.getTabs().add(tab);
            }
            Tab rawTab = new Tab("raw text");
            lazy(rawTab, raw);
            inner.getTabs().add(rawTab);
            if (view.isEmpty() && !inner.getTabs().isEmpty()) {
                inner.getSelectionModel().select(0);
                inner.getTabs().get(0).setContent(tables.isEmpty() ? raw.get() : new DataTableView(tables.get(0)));
            }
            VBox.setVgrow(inner, Priority.ALWAYS);
            top.getChildren().add(inner);
        } else {
            top.getChildren().add(raw.get());
        }
        return top;
    }

    private static void lazy(Tab tab, java.util.function.Supplier<Node> content) {
        tab.setOnSelectionChanged(e -> {
            if (tab.isSelected() && tab.getContent() == null) {
                tab.setContent(content.get());
            }
        });
    }

    /** A finding (coloured by severity: title, evidence, hint) or a probe that did not parse. */
    /** The findings list's coverage line: which probes saw everything, which did not and why. */
    record CoverageSummary(List<org.incidentworkbench.probe.ProbeCoverage> coverage) {
        boolean complete() {
            return coverage.stream().allMatch(c -> c.level() == org.incidentworkbench.probe.ProbeCoverage.Level.FULL);
        }

        String headline() {
            StringBuilder s = new StringBuilder();
            // what was not seen first: at the end of a long line it is the part a narrow pane would hide
            List<org.incidentworkbench.probe.ProbeCoverage.Level> levels = new java.util.ArrayList<>(
                    List.of(org.incidentworkbench.probe.ProbeCoverage.Level.values()));
            java.util.Collections.reverse(levels);
            for (org.incidentworkbench.probe.ProbeCoverage.Level level : levels) {
                List<String> probes = coverage.stream().filter(c -> c.level() == level).map(c -> c.probe()).toList();
                if (!probes.isEmpty()) {
                    s.append(s.length() == 0 ? "" : "; ").append(level.json()).append(": ").append(String.join(", ", probes));
                }
            }
            return s.toString();
        }

        String reasons() {
            return String.join("\n", coverage.stream().filter(c -> c.level() != org.incidentworkbench.probe.ProbeCoverage.Level.FULL)
                    .map(c -> c.probe() + ": " + String.join("; ", c.reasons())).toList());
        }
    }

    private static final class FindingCell extends ListCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeIf(s -> s.startsWith("severity-"));
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label title = new Label();
            title.getStyleClass().add("finding-title");
            // wraps like the evidence: the replay's pane beside the hosts and journal is narrow at 1280 px
            title.setWrapText(true);
            Label evidence = new Label();
            evidence.getStyleClass().add("finding-evidence");
            evidence.setWrapText(true);
            Label hint = new Label();
            hint.getStyleClass().add("finding-hint");
            hint.setWrapText(true);
            if (item instanceof Finding f) {
                String sev = f.severity().name().toLowerCase(Locale.ROOT);
                getStyleClass().add("severity-" + sev);
                title.setText(f.severity().name() + "   " + f.title() + "   [" + f.probe() + "]"
                        + f.newSincePrevious().map(n -> n ? "   NEW since the previous triage" : "").orElse(""));
                evidence.setText(f.evidence());
                hint.setText("Next: " + f.hint());
            } else if (item instanceof CoverageSummary c) {
                getStyleClass().add(c.complete() ? "severity-info" : "severity-warning");
                title.setText("COVERAGE   " + c.headline());
                evidence.setText(c.reasons());
                hint.setText(c.complete() ? "Every probe read everything it looks at."
                        : "What a probe could not see is not known to be fine: the reasons say how to see it.");
            } else if (item instanceof ProbeResult r) {
                getStyleClass().add("severity-info");
                title.setText("PROBE   " + r.probe() + ": " + describe(r));
                evidence.setText(r instanceof ProbeResult.Parsed p ? String.join("; ", p.notes()) : "");
                hint.setText("See the " + r.probe() + " tab for the raw output.");
            }
            VBox box = new VBox(2, title, evidence, hint);
            // the list's width less its vertical scroll bar (~14 px), its border and the cell's padding (~22 px): any
            // wider and the list scrolls sideways, hiding the end of every wrapped line
            box.prefWidthProperty().bind(getListView().widthProperty().subtract(44));
            setGraphic(box);
            setText(null);
        }

        private static String describe(ProbeResult r) {
            if (r instanceof ProbeResult.CommandFailed f) {
                return f.message();
            }
            if (r instanceof ProbeResult.ParseFailed f) {
                return "output not recognised (" + f.reason() + ")";
            }
            if (r instanceof ProbeResult.TimedOut t) {
                return "timed out after " + t.limit().toSeconds() + " s";
            }
            return "parsed with notes";
        }
    }
}
