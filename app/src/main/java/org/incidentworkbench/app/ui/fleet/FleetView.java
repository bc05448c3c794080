package org.incidentworkbench.app.ui.fleet;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.app.model.HostTrends;
import org.incidentworkbench.app.model.Spark;
import org.incidentworkbench.app.model.TimeToFull;
import org.incidentworkbench.app.services.FleetTrends;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.probe.Finding;

/**
 * The fleet board: one row per triaged host, the most severe first, as k9s lists pods: worst finding, the age of
 * the data (stale marked), what changed since the previous triage, the soonest filesystem or memory to run out,
 * sparklines of the last minutes from the store, then the triage's key numbers, each highlighted when far from the
 * host's role. Every header says in its tooltip what it shows; every column sorts. Double-click or Enter opens the
 * host's triage. Binds to {@link FleetViewModel}; computes nothing itself.
 */
public final class FleetView extends BorderPane {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private final TableView<FleetRow> table = new TableView<>();

    public FleetView(FleetViewModel vm, Consumer<HostRow> open) {
        setId("fleet-view");
        getStylesheets().add(FleetView.class.getResource("/org/incidentworkbench/app/ui/fleet.css").toExternalForm());
        table.setId("fleet-table");
        table.getStyleClass().add("fleet-board");
        SortedList<FleetRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("Triage some hosts (select them and press Ctrl+T) to compare them here."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);

        table.getColumns().add(text("host", "The host as the hosts pane lists it", 80, r -> r.host().name(), "fleet-host"));
        TableColumn<FleetRow, FleetRow> worst = column("worst finding", "The most severe finding of the host's latest"
                + " successful triage (hover for its evidence and hint); sorts critical first", 280);
        worst.setId("fleet-worst");
        worst.setComparator(Comparator.comparingInt(FleetRow::worstRank).thenComparing(r -> r.host().name()));
        worst.setCellFactory(tc -> new WorstCell());
        table.getColumns().add(worst);
        TableColumn<FleetRow, FleetRow> age = column("data age", "How long ago the figures were taken (the triage's start)."
                + " Older than " + Durations.human(org.incidentworkbench.app.model.DataAge.STALE_AFTER)
                + ", or after a failed triage, they are marked stale", 90);
        age.setId("fleet-age");
        age.setComparator(Comparator.comparing(r -> r.age().age()));
        age.setCellFactory(tc -> new AgeCell());
        table.getColumns().add(age);
        // CPU, load and memory right after the age: with host, worst finding and age they are the columns read first, and
        // they stay on screen in a 1280 px window
        table.getColumns().add(spark("CPU\n10 min", "CPU busy (100 - idle) %, sampled over the last 10 minutes; 0-100 scale",
                "fleet-spark-cpu", HostTrends::cpuBusyPct, 100));
        table.getColumns().add(spark("load\n10 min", "1-minute load average, sampled over the last 10 minutes; the scale starts at 0",
                "fleet-spark-load", HostTrends::load1, 1));
        table.getColumns().add(spark("memory\n10 min", "Memory used (total - available) as % of total, sampled over the last"
                + " 10 minutes; 0-100 scale", "fleet-spark-mem", HostTrends::memUsedPct, 100));
        TableColumn<FleetRow, FleetRow> changes = column("since last\ntriage", "Findings new in the latest triage and"
                + " findings of the triage before that are gone (hover for the list)", 140);
        changes.setId("fleet-changes");
        changes.setComparator(Comparator.comparingInt(r -> r.changes().added().size() + r.changes().resolved().size()));
        changes.setCellFactory(tc -> new ChangesCell());
        table.getColumns().add(changes);
        TableColumn<FleetRow, FleetRow> full = column("soonest\ntime to full", "The filesystem (space or inodes) or memory"
                + " that runs out first: the triage's own forecast, fitted on up to "
                + Durations.human(org.incidentworkbench.app.services.HistoryTrends.WINDOW) + " of the store's points (samples, sar or"
                + " Prometheus history); empty when nothing heads for its limit or the host has no recent history", 120);
        full.setId("fleet-time-to-full");
        full.setComparator(Comparator.comparing(r -> r.trends().flatMap(HostTrends::timeToFull).map(TimeToFull::in)
                .orElse(java.time.Duration.ofDays(100_000))));
        full.setCellFactory(tc -> new TimeToFullCell());
        table.getColumns().add(full);
        table.getColumns().add(text("role", "The host's role (inventory group); figures are compared within it when it has"
                + " at least three triaged hosts, else with all hosts", 90, r -> r.host().entry().role(), "fleet-role"));
        for (FleetColumn c : FleetColumn.values()) {
            TableColumn<FleetRow, FleetRow> col = column(c.title(), c.description() + ". From the triage; highlighted when"
                    + " far from the host's role in the direction that hurts.", c == FleetColumn.FULLEST_PCT || c == FleetColumn.BUSIEST_UTIL ? 120 : 64);
            col.setId("fleet-" + c.name().toLowerCase(Locale.ROOT));
            col.setComparator((a, b) -> compare(c.read(a.figures()), c.read(b.figures())));
            col.setCellFactory(tc -> new FigureCell(c));
            table.getColumns().add(col);
        }
        table.setRowFactory(tv -> {
            TableRow<FleetRow> r = new TableRow<>() {
                @Override
                protected void updateItem(FleetRow row, boolean empty) {
                    super.updateItem(row, empty);
                    getStyleClass().remove("fleet-row-stale");
                    if (!empty && row != null && row.age().stale()) {
                        getStyleClass().add("fleet-row-stale");
                    }
                }
            };
            r.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && r.getItem() != null) {
                    open.accept(r.getItem().host());
                }
            });
            return r;
        });
        table.setOnKeyPressed(e -> {
            FleetRow r = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && r != null) {
                open.accept(r.host());
            }
        });
        keepSelection(vm);
        // the header's "+" menu shows or hides any column (the figures past the board's right edge, or one not wanted)
        table.setTableMenuButtonVisible(true);
        fitWorstToWidth(worst);

        Label legend = new Label("Highlighted: far from the host's role (modified z-score over 3.5, median and MAD), in the direction"
                + " that hurts. Stale: figures older than " + Durations.human(org.incidentworkbench.app.model.DataAge.STALE_AFTER)
                + " or kept after a failed triage. Double-click or Enter opens a host's triage.");
        legend.getStyleClass().add("pane-message");
        legend.setWrapText(true);
        legend.setPadding(new Insets(4));
        Label header = new Label();
        header.setId("fleet-header");
        header.textProperty().bind(vm.headerProperty());
        header.setPadding(new Insets(4));
        header.getStyleClass().add("pane-message");
        vm.headerProperty().addListener((o, a, t) -> {
            header.getStyleClass().remove("replay");
            if (vm.replaying()) {
                header.getStyleClass().add("replay");
            }
        });
        setTop(header);
        setCenter(table);
        setBottom(legend);

        // ages move and the store's trends are re-read while the board is on screen, and only then
        Timeline tick = new Timeline();
        tick.getKeyFrames().add(new KeyFrame(Duration.seconds(5), e -> {
            if (getScene() != null && getScene().getWindow() != null && !getScene().getWindow().isShowing()) {
                tick.stop(); // the window closed, and its executors with it
            } else if (isVisible() && getScene() != null) {
                vm.refresh();
            }
        }));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
        visibleProperty().addListener((o, a, v) -> vm.shown(v && getScene() != null));
        sceneProperty().addListener((o, a, s) -> vm.shown(s != null && isVisible()));
        vm.shown(getScene() != null && isVisible());
    }

    /**
     * The worst finding's column takes the room the window has: as wide as lets every column up to the time to full
     * show (at 1600 px), else as lets host, age and the sparklines show (at 1280 px), within 180 to 360 px; the other
     * columns keep their widths. Once the user drags it, it keeps the user's width.
     */
    private void fitWorstToWidth(TableColumn<FleetRow, FleetRow> worst) {
        double[] set = {worst.getPrefWidth()};
        Runnable fit = () -> {
            if (Math.abs(worst.getPrefWidth() - set[0]) > 0.5 || table.getWidth() <= 0) {
                return; // resized by hand
            }
            double visible = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - SCROLL_BAR_ROOM;
            double upToFull = 0; // every other column up to the time to full
            double firstSix = 0; // host, age and the three sparklines
            for (TableColumn<FleetRow, ?> c : table.getVisibleLeafColumns()) {
                String id = c.getId() == null ? "" : c.getId();
                if (c != worst) {
                    upToFull += c.getWidth();
                    firstSix += id.equals("fleet-changes") || id.equals("fleet-time-to-full") ? 0 : c.getWidth();
                }
                if (id.equals("fleet-time-to-full")) {
                    break;
                }
            }
            double width = visible - upToFull >= MIN_WORST ? visible - upToFull : visible - firstSix;
            set[0] = Math.max(MIN_WORST, Math.min(MAX_WORST, Math.floor(width)));
            worst.setPrefWidth(set[0]);
        };
        table.widthProperty().addListener((o, a, w) -> fit.run());
        table.getVisibleLeafColumns().addListener((ListChangeListener<TableColumn<FleetRow, ?>>) c -> fit.run());
    }

    private static final double MIN_WORST = 180;
    private static final double MAX_WORST = 360;
    /** The vertical scroll bar's width, kept free so that a long board does not push the last column out. */
    private static final double SCROLL_BAR_ROOM = 16;

    public TableView<FleetRow> table() {
        return table;
    }

    /** A refresh replaces the rows; the host the user selected stays selected. */
    private void keepSelection(FleetViewModel vm) {
        String[] selected = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                selected[0] = r.host().name();
            }
        });
        vm.rows().addListener((ListChangeListener<FleetRow>) c -> {
            if (selected[0] != null) {
                table.getItems().stream().filter(r -> r.host().name().equals(selected[0])).findFirst()
                        .ifPresent(r -> table.getSelectionModel().select(r));
            }
        });
    }

    private static TableColumn<FleetRow, FleetRow> column(String title, String tip, double width) {
        TableColumn<FleetRow, FleetRow> col = new TableColumn<>();
        Label head = new Label(title);
        head.setTooltip(new Tooltip(tip));
        head.getTooltip().setWrapText(true);
        head.getTooltip().setMaxWidth(420);
        head.getStyleClass().add("fleet-header-label");
        col.setGraphic(head);
        col.setText(title.replace('\n', ' ')); // names the column in the header's + menu; the header shows the graphic only (fleet.css)
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        fitHeader(col, title, width);
        return col;
    }

    /**
     * Never narrower than the header's longest line in the header's bold font, plus the padding and the sort arrow's
     * room: a header is never cut to "per c...".
     */
    private static void fitHeader(TableColumn<?, ?> col, String title, double width) {
        javafx.scene.text.Font font = javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                javafx.scene.text.FontWeight.BOLD, javafx.scene.text.Font.getDefault().getSize());
        double longest = 0;
        for (String line : title.split("\n")) {
            javafx.scene.text.Text t = new javafx.scene.text.Text(line);
            t.setFont(font);
            longest = Math.max(longest, t.getLayoutBounds().getWidth());
        }
        double min = Math.ceil(longest) + 28;
        col.setMinWidth(min);
        col.setPrefWidth(Math.max(width, min));
        col.setUserData(title);
    }

    private static TableColumn<FleetRow, String> text(String title, String tip, double width, Function<FleetRow, String> read, String id) {
        TableColumn<FleetRow, String> col = new TableColumn<>();
        Label head = new Label(title);
        head.setTooltip(new Tooltip(tip));
        head.getTooltip().setWrapText(true);
        head.getTooltip().setMaxWidth(420);
        col.setGraphic(head);
        col.setText(title.replace('\n', ' '));
        col.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(read.apply(cd.getValue())));
        if (id != null) {
            col.setId(id);
        }
        fitHeader(col, title, width);
        return col;
    }

    private static TableColumn<FleetRow, FleetRow> spark(String title, String tip, String id, Function<HostTrends, Spark> read, double floor) {
        TableColumn<FleetRow, FleetRow> col = column(title, tip + ". Empty when the host was not sampled in the last "
                + Durations.human(FleetTrends.SPARK_WINDOW) + " (select it and press Sample).", 84);
        col.setId(id);
        col.setComparator(Comparator.comparingDouble(r -> r.trends().map(read).map(Spark::last).filter(Double::isFinite).orElse(-1.0)));
        col.setCellFactory(tc -> new SparkCell(read, floor));
        return col;
    }

    /** A load in at most four characters, as narrow as "100%": 0.42, 7.20, 12.5, 143. */
    static String fourDigits(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
    }

    private static int compare(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() ? (b.isEmpty() ? 0 : 1) : -1;
        }
        return Double.compare(a.getAsDouble(), b.getAsDouble());
    }

    private static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(480);
        return t;
    }

    /** The worst finding, coloured by severity; evidence and hint in the tooltip. */
    private static final class WorstCell extends TableCell<FleetRow, FleetRow> {
        WorstCell() {
            setTextOverrun(OverrunStyle.ELLIPSIS);
        }

        @Override
        protected void updateItem(FleetRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("fleet-critical", "fleet-warning", "fleet-info", "fleet-clean");
            setTooltip(null);
            if (empty || row == null) {
                setText(null);
                return;
            }
            Optional<Finding> w = row.worst();
            if (w.isEmpty()) {
                setText("no findings");
                getStyleClass().add("fleet-clean");
                return;
            }
            Finding f = w.get();
            String sev = f.severity().name().toLowerCase(Locale.ROOT);
            int more = row.report().findings().size() - 1;
            setText(f.title() + (more > 0 ? "  (+" + more + " more)" : ""));
            getStyleClass().add("fleet-" + sev);
            setTooltip(tip(sev + ": " + f.title() + "\n" + f.evidence() + "\nNext: " + f.hint()
                    + (more > 0 ? "\n\n" + more + " more finding(s) in the host's triage (double-click)." : "")));
        }
    }

    /** "40 s ago", or "stale: 2 h ago" marked; the triage time and a failed triage's reason in the tooltip. */
    private static final class AgeCell extends TableCell<FleetRow, FleetRow> {
        @Override
        protected void updateItem(FleetRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("fleet-stale");
            setTooltip(null);
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(row.latestFailure().isPresent() ? "stale: triage failed" : row.age().text());
            String when = "Triaged at " + TIME.format(row.report().startedAt()) + " (took "
                    + Durations.human(row.report().duration()) + ").";
            if (row.age().stale()) {
                getStyleClass().add("fleet-stale");
                when += row.latestFailure().map(f -> "\nThe latest triage failed: " + f + "\nThese figures are from the one before, "
                        + row.age().text().replace("stale: ", "") + ".").orElse("\nThese figures are old: triage the host again"
                        + " (select it, Ctrl+T) before reading them as the present.");
            }
            setTooltip(tip(when));
        }
    }

    private static final class ChangesCell extends TableCell<FleetRow, FleetRow> {
        @Override
        protected void updateItem(FleetRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("fleet-new");
            setTooltip(null);
            if (empty || row == null) {
                setText(null);
                return;
            }
            setText(row.changes().summary());
            if (!row.changes().added().isEmpty()) {
                getStyleClass().add("fleet-new");
            }
            setTooltip(tip(row.changes().details()));
        }
    }

    private static final class TimeToFullCell extends TableCell<FleetRow, FleetRow> {
        @Override
        protected void updateItem(FleetRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().remove("fleet-filling");
            setTooltip(null);
            if (empty || row == null) {
                setText(null);
                return;
            }
            if (row.trends().isEmpty()) {
                setText("");
                return;
            }
            Optional<TimeToFull> t = row.trends().get().timeToFull();
            if (t.isEmpty()) {
                setText("\u2014");
                setTooltip(tip("No filesystem or memory heads for its limit, or too little recent history to tell (at least "
                        + org.incidentworkbench.app.services.HistoryTrends.MIN_POINTS + " points, the newest within "
                        + Durations.human(org.incidentworkbench.app.services.HistoryTrends.FRESH)
                        + "): select the host and press Sample, or load its history."));
                return;
            }
            setText(t.get().text());
            getStyleClass().add("fleet-filling");
            setTooltip(tip(t.get().text() + " (at " + TIME.format(t.get().crossing()) + "): " + t.get().explanation()));
        }
    }

    /** A sparkline and the last value beside it. */
    private static final class SparkCell extends TableCell<FleetRow, FleetRow> {
        private final Function<HostTrends, Spark> read;
        private final double floor;
        private final Sparkline line = new Sparkline();
        private final Label last = new Label();
        private final HBox box = new HBox(4, line, last);

        SparkCell(Function<HostTrends, Spark> read, double floor) {
            this.read = read;
            this.floor = floor;
            box.setAlignment(Pos.CENTER_LEFT);
            last.getStyleClass().add("fleet-spark-value");
            last.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the figure is never cut to "..."
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(FleetRow row, boolean empty) {
            super.updateItem(row, empty);
            setTooltip(null);
            if (empty || row == null || row.trends().isEmpty()) {
                setGraphic(null);
                return;
            }
            Spark s = read.apply(row.trends().get());
            if (s.isEmpty()) {
                setGraphic(null);
                setContentDisplay(ContentDisplay.TEXT_ONLY);
                setText("not sampled");
                getStyleClass().add("fleet-muted");
                return;
            }
            getStyleClass().remove("fleet-muted");
            setText(null);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            line.show(s, floor);
            java.util.function.DoubleFunction<String> fmt = "%".equals(s.unit()) ? v -> String.format(Locale.ROOT, "%.0f%%", v)
                    : FleetView::fourDigits;
            last.setText(fmt.apply(s.last()));
            setGraphic(box);
            setTooltip(tip("Last " + fmt.apply(s.last()) + ", min " + fmt.apply(s.min()) + ", max " + fmt.apply(s.max())
                    + " over the " + Durations.human(FleetTrends.SPARK_WINDOW) + " to " + TIME.format(row.trends().get().asOf())
                    + "; last sample at " + TIME.format(java.time.Instant.ofEpochMilli(s.lastMillis())) + "."));
        }
    }

    /** A figure, right-aligned, highlighted when it is an outlier in its bad direction. */
    private static final class FigureCell extends TableCell<FleetRow, FleetRow> {
        private final FleetColumn column;

        FigureCell(FleetColumn column) {
            this.column = column;
            getStyleClass().add("numeric");
        }

        @Override
        protected void updateItem(FleetRow row, boolean empty) {
            super.updateItem(row, empty);
            getStyleClass().removeAll("fleet-outlier-high", "fleet-outlier-low");
            setTooltip(null);
            if (empty || row == null) {
                setText(null);
                return;
            }
            OptionalDouble v = column.read(row.figures());
            String text = v.isPresent() ? column.format(v.getAsDouble()) : "";
            if (column == FleetColumn.FULLEST_PCT) {
                text = row.figures().fullestMount().map(m -> m + "  ").orElse("") + text;
            } else if (column == FleetColumn.BUSIEST_UTIL) {
                text = row.figures().busiestDevice().map(d -> d + "  ").orElse("") + text;
            }
            setText(text);
            String name = column.title().replace('\n', ' ');
            if (row.isBad(column)) {
                getStyleClass().add(column.bad() == FleetColumn.Bad.HIGH ? "fleet-outlier-high" : "fleet-outlier-low");
                setTooltip(tip(name + " stands out " + (column.bad() == FleetColumn.Bad.HIGH ? "high" : "low")
                        + " against " + row.comparedWith() + (row.age().stale() ? " (stale figures: " + row.age().text() + ")" : "") + "."));
            } else if (row.age().stale()) {
                setTooltip(tip(name + " from a triage " + row.age().text().replace("stale: ", "") + ": not the present."));
            }
        }
    }
}
