package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.model.probes.NetInterfaces;
import org.incidentworkbench.parse.IpReport;

/** ip as "is the network path sound": interfaces with state, addresses, traffic and errors/drops (red when not zero), then routes. */
final class IpView extends VBox {

    IpView(IpReport ip) {
        setSpacing(4);
        setPadding(new Insets(4));
        List<NetInterfaces.Line> lines = NetInterfaces.interfaces(ip);
        long bad = lines.stream().filter(NetInterfaces.Line::hasErrors).count();
        Label summary = new Label(lines.size() + " interfaces" + (bad > 0 ? ", " + bad + " with errors or drops (red)" : ", none with errors or drops")
                + "; counters since each interface came up, read from " + ip.source() + ".");
        summary.getStyleClass().add("probe-view-summary");
        summary.setWrapText(true);
        TableView<NetInterfaces.Line> ifs = new TableView<>(FXCollections.observableArrayList(lines));
        ifs.setId("ip-interfaces");
        ifs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        ifs.getColumns().add(DfView.text("INTERFACE", 100, NetInterfaces.Line::name, false));
        ifs.getColumns().add(DfView.text("STATE", 110, NetInterfaces.Line::state, false));
        ifs.getColumns().add(DfView.text("ADDRESSES", 220, NetInterfaces.Line::addresses, false));
        ifs.getColumns().add(DfView.text("RX", 70, NetInterfaces.Line::rxBytes, true));
        ifs.getColumns().add(DfView.text("TX", 70, NetInterfaces.Line::txBytes, true));
        ifs.getColumns().add(problem("RX ERR / DROP", 100, NetInterfaces.Line::rxErrorsText, NetInterfaces.Line::rxErrors));
        ifs.getColumns().add(problem("TX ERR / DROP", 100, NetInterfaces.Line::txErrorsText, NetInterfaces.Line::txErrors));
        ifs.getColumns().add(DfView.text("MTU", 54, NetInterfaces.Line::mtu, true));
        TableView<String[]> routes = new TableView<>(FXCollections.observableArrayList(NetInterfaces.routes(ip)));
        routes.setId("ip-routes");
        routes.setPlaceholder(new Label("No routes were listed (ip route not run, or /proc/net/dev only)."));
        routes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        String[] names = {"DESTINATION", "VIA", "DEV", "PROTO", "SRC", "METRIC", "FLAGS"};
        for (int i = 0; i < names.length; i++) {
            int col = i;
            routes.getColumns().add(DfView.<String[]>text(names[i], 90, r -> r[col], false));
        }
        SplitPane split = new SplitPane(SsView.section("Interfaces", ifs), SsView.section("Routes", routes));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(summary, split);
    }

    private static TableColumn<NetInterfaces.Line, NetInterfaces.Line> problem(String name, double width,
            Function<NetInterfaces.Line, String> text, ToLongFunction<NetInterfaces.Line> count) {
        TableColumn<NetInterfaces.Line, NetInterfaces.Line> c = DfView.text(name, width, text, true);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(NetInterfaces.Line l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : text.apply(l));
                getStyleClass().remove("nonzero-problem");
                if (!empty && l != null && count.applyAsLong(l) > 0) {
                    getStyleClass().add("nonzero-problem");
                }
            }
        });
        return c;
    }
}
