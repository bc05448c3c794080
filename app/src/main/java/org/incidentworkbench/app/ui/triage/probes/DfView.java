package org.incidentworkbench.app.ui.triage.probes;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.incidentworkbench.app.format.Percent;
import org.incidentworkbench.app.model.probes.FilesystemLine;
import org.incidentworkbench.app.model.probes.FilesystemUsage;
import org.incidentworkbench.findings.FindingLimits;
import org.incidentworkbench.parse.DfReport;

/**
 * df as "which filesystem is filling up": mount point first, a use bar per filesystem coloured at the
 * {@code fs.full} thresholds, inode use beside it at the {@code fs.inodes} ones, sizes in binary units,
 * fullest first.
 */
final class DfView extends VBox {

    DfView(DfReport df) {
        setSpacing(4);
        setPadding(new Insets(4));
        List<FilesystemLine> rows = FilesystemUsage.of(df);
        FindingLimits.Rising space = FindingLimits.filesystemUsedPercent();
        FindingLimits.Rising inodes = FindingLimits.inodesUsedPercent();
        Label summary = new Label(rows.size() + " filesystems, fullest first. Bars turn amber at " + Percent.of(space.warning())
                + " and red at " + Percent.of(space.critical()) + " used (inodes: " + Percent.of(inodes.warning()) + ", "
                + Percent.of(inodes.critical()) + "), where the fs.full and fs.inodes findings start; grey: full by design (images, loop devices).");
        summary.getStyleClass().add("probe-view-summary");
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TableView<FilesystemLine> table = new TableView<>(FXCollections.observableArrayList(rows));
        table.setId("df-table");
        table.setPlaceholder(new Label("df listed no filesystems."));
        TableColumn<FilesystemLine, FilesystemLine> mount = text("MOUNTED ON", 160, FilesystemLine::mountedOn, false);
        TableColumn<FilesystemLine, FilesystemLine> use = bar("SPACE USED", 210, l -> new UseBar(40).set(l.usedPercent(),
                l.usedPercent() < 0 ? "" : l.usedPercent() + " %  " + l.usedText() + " of " + l.sizeText(), l.level(), l.judged()));
        TableColumn<FilesystemLine, FilesystemLine> avail = text("FREE", 64, FilesystemLine::availableText, true);
        TableColumn<FilesystemLine, FilesystemLine> inodeUse = bar("INODES USED", 160, l -> l.inodesPercent() < 0 ? null
                : new UseBar(40).set(l.inodesPercent(), l.inodesPercent() + " %  " + l.inodesText(), l.inodeLevel(), l.judged()));
        TableColumn<FilesystemLine, FilesystemLine> fs = text("FILESYSTEM (TYPE)", 140,
                l -> l.filesystem() + (l.type().isEmpty() || l.type().equals(l.filesystem()) ? "" : " (" + l.type() + ")"), false);
        table.getColumns().addAll(List.of(mount, use, avail, inodeUse, fs));
        // the device takes what is left: the mount point and the bars matter more
        fs.prefWidthProperty().bind(javafx.beans.binding.Bindings.max(110, table.widthProperty().subtract(160 + 210 + 64 + 160 + 24)));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(summary, table);
    }

    static <R> TableColumn<R, R> text(String name, double width, Function<R, String> value, boolean numeric) {
        TableColumn<R, R> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(R r, boolean empty) {
                super.updateItem(r, empty);
                String t = empty || r == null ? null : value.apply(r);
                setText(t);
                setTooltip(t != null && t.length() > 24 ? new Tooltip(t) : null);
            }
        });
        if (numeric) {
            c.getStyleClass().add("numeric-column");
        }
        return c;
    }

    static <R> TableColumn<R, R> bar(String name, double width, Function<R, UseBar> bar) {
        TableColumn<R, R> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(R r, boolean empty) {
                super.updateItem(r, empty);
                setText(null);
                setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
                UseBar b = empty || r == null ? null : bar.apply(r);
                if (b != null) {
                    b.prefWidthProperty().bind(col.widthProperty().subtract(14));
                }
                setGraphic(b);
            }
        });
        return c;
    }
}
