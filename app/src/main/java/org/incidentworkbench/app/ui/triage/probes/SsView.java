package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.probes.SocketGroups;
import org.incidentworkbench.parse.SsReport;

/**
 * ss as "where are the connections and which are stuck": a histogram of TCP states in connection
 * order, listen backlogs (Recv-Q against Send-Q on LISTEN), CLOSE-WAIT and SYN-RECV per owning process,
 * and the connections grouped by local service port and by peer.
 */
final class SsView extends VBox {

    /** What a state means for the person reading the histogram (tooltips). */
    private static final Map<String, String> MEANING = Map.of(
            "LISTEN", "waiting for connections",
            "SYN-RECV", "half-open: the handshake is not complete (a flood, or the accept queue is full)",
            "ESTAB", "open connections",
            "FIN-WAIT-2", "this side closed; waiting for the peer to close",
            "CLOSE-WAIT", "the peer closed, this side's application has not: a leak when it grows",
            "TIME-WAIT", "closed by this side, kept 60 s by the kernel: many means many short connections",
            "LAST-ACK", "both closed, waiting for the last acknowledgement",
            "SYN-SENT", "connecting: the peer has not answered yet");

    SsView(SsReport ss) {
        setSpacing(6);
        setPadding(new Insets(4));
        List<SocketGroups.StateCount> histogram = SocketGroups.histogram(ss);
        long total = histogram.stream().mapToLong(SocketGroups.StateCount::count).sum();
        Label summary = new Label(total + " TCP sockets" + ss.summary().flatMap(s -> s.tcpTimeWait())
                .map(t -> " (ss -s: " + t + " in TIME-WAIT)").orElse("") + ", read from " + ss.source()
                + ". CLOSE-WAIT and SYN-RECV point at an application; Recv-Q near Send-Q on LISTEN means the backlog is full.");
        summary.getStyleClass().add("probe-view-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);

        GridPane bars = new GridPane();
        bars.setId("ss-histogram");
        bars.setHgap(6);
        bars.setVgap(2);
        long max = histogram.stream().mapToLong(SocketGroups.StateCount::count).max().orElse(1);
        int row = 0;
        for (SocketGroups.StateCount c : histogram) {
            Label name = new Label(c.state());
            name.setMinWidth(Region.USE_PREF_SIZE);
            Region bar = new Region();
            bar.getStyleClass().add("histo-bar");
            if (c.state().equals("CLOSE-WAIT") || c.state().equals("SYN-RECV")) {
                bar.getStyleClass().add("level-warning");
            }
            double w = Math.max(2, 220.0 * c.count() / max);
            bar.setMinSize(w, 12);
            bar.setPrefSize(w, 12);
            bar.setMaxSize(w, 12);
            Label count = new Label(String.valueOf(c.count()));
            count.getStyleClass().add("histo-count");
            String meaning = MEANING.get(c.state());
            if (meaning != null) {
                Tooltip.install(name, new Tooltip(c.state() + ": " + meaning));
            }
            bars.addRow(row++, name, bar, count);
        }
        if (histogram.isEmpty()) {
            bars.add(new Label("No TCP sockets listed."), 0, 0);
        }
        VBox histoBox = section("TCP states", bars);
        histoBox.setMinWidth(Region.USE_PREF_SIZE);

        List<SocketGroups.Listener> listeners = SocketGroups.listeners(ss);
        TableView<SocketGroups.Listener> listen = table("ss-listeners", listeners, "No listening TCP sockets.");
        listen.getColumns().addAll(List.of(
                DfView.<SocketGroups.Listener>text("LISTENING ON", 150, SocketGroups.Listener::local, false),
                DfView.<SocketGroups.Listener>bar("QUEUED / BACKLOG", 150, l -> new UseBar().set(l.fillPercent(),
                        l.queued() + " / " + l.backlog(), java.util.Optional.ofNullable(l.fillPercent() >= 90
                                ? org.incidentworkbench.probe.Severity.WARNING : null), true)),
                DfView.<SocketGroups.Listener>text("PROCESS", 110, SocketGroups.Listener::process, false)));
        listen.setTooltip(new Tooltip("On LISTEN, ss's Recv-Q is the connections waiting to be accepted and Send-Q the backlog limit."));

        List<SocketGroups.Held> heldRows = SocketGroups.closeWaitAndSynRecv(ss);
        TableView<SocketGroups.Held> held = table("ss-stuck", heldRows, "No CLOSE-WAIT or SYN-RECV sockets.");
        held.getColumns().addAll(List.of(
                DfView.<SocketGroups.Held>text("STATE", 90, SocketGroups.Held::state, false),
                DfView.<SocketGroups.Held>text("N", 40, h -> String.valueOf(h.count()), true),
                DfView.<SocketGroups.Held>text("PROCESS", 150, SocketGroups.Held::process, false),
                DfView.<SocketGroups.Held>text("PORTS", 70, SocketGroups.Held::ports, false)));
        VBox listenBox = section("Listen backlogs (accept queue: Recv-Q of Send-Q)", listen);
        HBox.setHgrow(listenBox, Priority.ALWAYS);
        HBox top = new HBox(16, histoBox, listenBox);
        double rowsHigh = Math.max(histogram.size() * 20.0 + 24, (Math.min(5, listeners.size()) + 1) * 24.0 + 34);
        top.setMinHeight(Math.max(120, rowsHigh));
        top.setPrefHeight(Math.max(120, rowsHigh));

        TableView<SocketGroups.Group> ports = groupTable("ss-by-port", "PORT", "PROCESSES", SocketGroups.byLocalPort(ss));
        TableView<SocketGroups.Group> peers = groupTable("ss-by-peer", "PEER", "PEER PORTS", SocketGroups.byPeer(ss));
        SplitPane groups = new SplitPane(section("Connections by local port", ports), section("Connections by peer", peers));
        groups.setOrientation(Orientation.HORIZONTAL);
        groups.setDividerPositions(0.5);
        if (!heldRows.isEmpty()) {
            // what points at an application comes first when there is any
            groups.getItems().add(0, section("CLOSE-WAIT and SYN-RECV by process", held));
            groups.setDividerPositions(0.36, 0.68);
        } else {
            summary.setText(summary.getText() + " No CLOSE-WAIT or SYN-RECV sockets.");
        }
        VBox.setVgrow(groups, Priority.ALWAYS);
        getChildren().addAll(summary, top, groups);
    }

    private static TableView<SocketGroups.Group> groupTable(String id, String keyName, String detailName, List<SocketGroups.Group> rows) {
        TableView<SocketGroups.Group> t = table(id, rows, "No connections.");
        t.getColumns().addAll(List.of(
                DfView.<SocketGroups.Group>text(keyName, 110, SocketGroups.Group::key, false),
                DfView.<SocketGroups.Group>text("N", 36, g -> String.valueOf(g.count()), true),
                DfView.<SocketGroups.Group>text("STATES", 130, SocketGroups.Group::states, false),
                DfView.<SocketGroups.Group>text(detailName, 110, SocketGroups.Group::detail, false)));
        return t;
    }

    private static <R> TableView<R> table(String id, List<R> rows, String empty) {
        TableView<R> t = new TableView<>(FXCollections.observableArrayList(rows));
        t.setId(id);
        t.setPlaceholder(new Label(empty));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        return t;
    }

    static VBox section(String title, Node content) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        VBox box = new VBox(4, l, content);
        box.setAlignment(Pos.TOP_LEFT);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

}
