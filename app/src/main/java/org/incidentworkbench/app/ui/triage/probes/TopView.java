package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.format.Bytes;
import org.incidentworkbench.app.model.probes.CpuShares;
import org.incidentworkbench.app.model.probes.ProcessList;
import org.incidentworkbench.findings.FindingLimits;
import org.incidentworkbench.parse.TopReport;

/**
 * top as "where does the CPU go and is memory short": the CPU split as one stacked bar (user, system,
 * iowait, steal, interrupts, idle), memory and swap as bars, then top's process list in the same table
 * as the ps view.
 */
final class TopView extends VBox {

    private static final double CPU_BAR = 240;

    TopView(TopReport top) {
        setSpacing(6);
        setPadding(new Insets(4));
        GridPane bars = new GridPane();
        bars.setId("top-bars");
        bars.setHgap(8);
        bars.setVgap(4);
        int row = 0;
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        bars.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(), new javafx.scene.layout.ColumnConstraints(CPU_BAR), grow);
        if (top.cpu().isPresent()) {
            List<CpuShares.Share> shares = CpuShares.of(top.cpu().get());
            HBox stacked = new HBox();
            stacked.setId("top-cpu-bar");
            stacked.getStyleClass().add("cpu-stack");
            double sum = Math.max(100, shares.stream().mapToDouble(CpuShares.Share::percent).sum());
            javafx.scene.layout.FlowPane legend = new javafx.scene.layout.FlowPane(10, 2);
            legend.setAlignment(Pos.CENTER_LEFT);
            for (CpuShares.Share s : shares) {
                Region seg = new Region();
                seg.getStyleClass().add("cpu-" + s.key());
                double w = CPU_BAR * s.percent() / sum;
                seg.setMinSize(w, 14);
                seg.setPrefSize(w, 14);
                seg.setMaxSize(w, 14);
                Tooltip.install(seg, new Tooltip(s.text() + ": " + s.label()));
                stacked.getChildren().add(seg);
                Region swatch = new Region();
                swatch.getStyleClass().addAll("legend-swatch", "cpu-" + s.key());
                Label l = new Label(s.text());
                l.setGraphic(swatch);
                l.setTooltip(new Tooltip(s.label()));
                legend.getChildren().add(l);
            }
            stacked.setMinWidth(CPU_BAR);
            stacked.setMaxWidth(CPU_BAR);
            bars.addRow(row++, name("CPU"), stacked, legend);
        }
        top.memory().ifPresent(m -> {
            FindingLimits.Rising limits = FindingLimits.memoryUsedPercent();
            if (m.totalBytes().isPresent() && m.totalBytes().get() > 0) {
                long total = m.totalBytes().get();
                long available = m.availableBytes().orElse(m.freeBytes().orElse(0L));
                double used = 100.0 * (total - available) / total;
                bars.addRow(bars.getRowCount(), name("Memory"), new UseBar(CPU_BAR).set(used, "", limits.severityOf(used), true),
                        new Label(Bytes.human(total - available) + " in use of " + Bytes.human(total) + ", " + Bytes.human(available)
                                + " available" + m.buffCacheBytes().map(b -> " (" + Bytes.human(b) + " page cache)").orElse("")));
            }
            if (m.swapTotalBytes().isPresent()) {
                long total = m.swapTotalBytes().get();
                long usedBytes = m.swapUsedBytes().orElse(0L);
                double used = total == 0 ? 0 : 100.0 * usedBytes / total;
                bars.addRow(bars.getRowCount(), name("Swap"), new UseBar(CPU_BAR).set(used, "", Optional.empty(), total > 0),
                        new Label(total == 0 ? "no swap configured" : Bytes.human(usedBytes) + " used of " + Bytes.human(total)));
            }
        });
        top.tasks().ifPresent(t -> bars.addRow(bars.getRowCount(), name("Tasks"), new Label(t.total().map(String::valueOf).orElse("?")
                + " in all"), new Label(t.running().orElse(0) + " running, " + t.sleeping().orElse(0) + " sleeping, "
                + t.stopped().orElse(0) + " stopped, " + t.zombie().orElse(0) + " zombie")));
        ProcessTable processes = new ProcessTable(ProcessList.of(top), false,
                "top's %CPU is over its last interval (can exceed 100 for a process with several busy threads).");
        VBox.setVgrow(processes, Priority.ALWAYS);
        getChildren().addAll(bars, processes);
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add("section-title");
        return l;
    }
}
