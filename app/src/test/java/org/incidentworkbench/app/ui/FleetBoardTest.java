package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.fleet.FleetRow;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.ssh.HostFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The fleet board in a real window, on this machine's real triage and a few seconds of real samples: the row shows
 * the worst finding, a fresh age and sparklines from the store; every header is shown in full and has a tooltip;
 * a header click sorts; a failed triage afterwards keeps the figures but marks them stale with the reason.
 */
@ExtendWith(ApplicationExtension.class)
class FleetBoardTest {

    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture();
        fx.show(stage, 1600, 1000);
    }

    /**
     * The columns an on-call engineer reads first are on screen without scrolling sideways: at 1600 px every column up to
     * the time to full (memory's sparkline was cut off); at 1280 px host, worst finding, data age and the CPU, load and
     * memory sparklines. Every header is still wide enough for its longest line (fitHeader); the rest are one scroll or
     * the column menu away.
     */
    @Test
    void theImportantColumnsFitThe1600And1280Windows(FxRobot robot) throws Exception {
        List<String> at1600 = List.of("fleet-host", "fleet-worst", "fleet-age", "fleet-spark-cpu", "fleet-spark-load", "fleet-spark-mem",
                "fleet-changes", "fleet-time-to-full");
        List<String> at1280 = List.of("fleet-host", "fleet-worst", "fleet-age", "fleet-spark-cpu", "fleet-spark-load", "fleet-spark-mem");
        // each size in a window of its own: the test classes share the primary stage, and growing a Monocle window again
        // after shrinking it reuses a too small pixel buffer (QueuedPixelSource)
        try (Board wide = new Board(1600, 1000); Board narrow = new Board(1280, 800)) {
            assertEquals(List.of(), onFxValue(() -> cutOff(wide.table(), at1600)), "columns past the right edge at 1600 x 1000");
            assertEquals(List.of(), onFxValue(() -> cutOff(narrow.table(), at1280)), "columns past the right edge at 1280 x 800");

            // the header's + menu names every column and hides one
            TableView<FleetRow> table = narrow.table();
            WindowFixture.runFx(() -> {
                wide.stage.hide();
                narrow.stage.toFront();
            });
            robot.clickOn(narrow.stage.getScene().getRoot().lookup(".show-hide-columns-button"));
            WindowFixture.waitFor(5, "the column menu", () -> robot.lookup(".context-menu .check-menu-item").queryAll().size()
                    == table.getColumns().size());
            List<String> names = robot.lookup(".context-menu .check-menu-item .label").queryAll().stream()
                    .map(n -> ((Label) n).getText()).toList();
            assertTrue(names.containsAll(List.of("host", "worst finding", "memory 10 min", "TCP CLOSE-WAIT")), names.toString());
            robot.clickOn(robot.lookup(".context-menu .check-menu-item .label").queryAll().stream()
                    .filter(n -> "memory 10 min".equals(((Label) n).getText())).findFirst().orElseThrow());
            WindowFixture.waitFor(5, "the memory column hidden", () -> table.getVisibleLeafColumns().stream()
                    .noneMatch(c -> "fleet-spark-mem".equals(c.getId())));
            assertTrue(WindowFixture.onFx(() -> table.getColumns().stream().allMatch(c -> shownInFull((Label) c.getGraphic()))),
                    "the headers show their two-line labels once, not the menu's name beside them");
        }
    }

    /** A window of its own size on the fleet board. */
    private static final class Board implements AutoCloseable {
        final WindowFixture fixture = new WindowFixture();
        final Stage stage;

        Board(double width, double height) throws Exception {
            Stage[] s = new Stage[1];
            WindowFixture.runFx(() -> {
                s[0] = new Stage();
                fixture.show(s[0], width, height);
                fixture.view.tabs().getSelectionModel().select(fixture.view.tabs().getTabs().stream()
                        .filter(t -> "tab-fleet".equals(t.getId())).findFirst().orElseThrow());
            });
            stage = s[0];
            WindowFixture.waitFor(5, "the board at " + width + " px", () -> table() != null && table().getWidth() > 0);
        }

        @SuppressWarnings("unchecked")
        TableView<FleetRow> table() {
            return (TableView<FleetRow>) stage.getScene().getRoot().lookup("#fleet-table");
        }

        @Override
        public void close() throws Exception {
            fixture.close();
            WindowFixture.runFx(stage::close);
        }
    }

    /** The columns of {@code ids} whose right edge lies beyond the board's visible width (with the sideways scroll at 0). */
    private static List<String> cutOff(TableView<FleetRow> table, List<String> ids) {
        table.layout();
        double visible = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
        List<String> cut = new java.util.ArrayList<>();
        double right = 0;
        for (TableColumn<FleetRow, ?> c : table.getVisibleLeafColumns()) {
            right += c.getWidth();
            String id = c.getId();
            if (ids.contains(id) && right > visible) {
                cut.add(id + " ends at " + Math.round(right) + " of " + Math.round(visible) + " px");
            }
        }
        long found = table.getVisibleLeafColumns().stream()
                .filter(c -> ids.contains(c.getId())).count();
        if (!cut.isEmpty()) {
            cut.add("widths: " + table.getVisibleLeafColumns().stream().map(c -> c.getId() + "=" + Math.round(c.getWidth())).toList());
        }
        if (found < ids.size()) {
            cut.add("only " + found + " of " + ids + " are shown columns");
        }
        return cut;
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void theBoardShowsAgeFindingsAndSparklinesAndMarksStaleFigures(FxRobot robot) throws Exception {
        WindowFixture.waitFor(10, "the host list", () -> fx.view.hosts().find("local").isPresent());
        HostRow local = fx.view.hosts().find("local").orElseThrow();
        WindowFixture.runFx(() -> fx.view.hostsView().select(List.of("local")));
        WindowFixture.runFx(fx.view::triageSelected);
        WindowFixture.waitFor(60, "the triage of local", () -> local.report().isPresent() && !local.triagingProperty().get());
        assertTrue(local.report().get().triaged(), "this machine triages");
        WindowFixture.runFx(fx.view::sampleSelected);
        WindowFixture.waitFor(30, "sampling of local", () -> local.samplingProperty().get());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (samples() < 3) {
            assertTrue(System.nanoTime() < deadline, "three samples of local in the store within 30 s");
            Thread.sleep(100);
        }
        WindowFixture.runFx(() -> fx.view.tabs().getSelectionModel().select(fx.view.tabs().getTabs().stream()
                .filter(t -> "tab-fleet".equals(t.getId())).findFirst().orElseThrow()));
        WindowFixture.waitFor(5, "the board", () -> robot.lookup("#fleet-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<FleetRow> table = (TableView<FleetRow>) robot.lookup("#fleet-table").query();
        // the board re-reads the store every few seconds while shown: wait for a CPU sparkline with some points
        WindowFixture.waitFor(40, "a CPU sparkline from the store", () -> table.getItems().size() == 1
                && table.getItems().get(0).trends().map(t -> t.cpuBusyPct().values().length >= 2).orElse(false)
                && !robot.lookup("#fleet-table .sparkline").queryAll().isEmpty());
        WindowFixture.runFx(fx.view::sampleSelected); // stop sampling

        FleetRow row = table.getItems().get(0);
        assertEquals("local", row.host().name());
        assertFalse(row.age().stale(), row.age().text());
        assertTrue(WindowFixture.onFx(() -> cellTexts(robot, "#fleet-age").contains(row.age().text())),
                "the age is shown: " + row.age().text());
        String worst = row.worst().map(f -> f.title()).orElse("no findings");
        assertTrue(WindowFixture.onFx(() -> cellTexts(robot, "#fleet-worst").stream().anyMatch(t -> t.startsWith(worst))),
                "the worst finding is shown: " + worst);

        assertTrue(WindowFixture.onFx(() -> robot.lookup(".fleet-spark-value").queryAll().stream()
                .allMatch(n -> shownInFull((Label) n))), "the sparklines' last values are shown in full");
        for (TableColumn<FleetRow, ?> c : table.getColumns()) {
            Label head = (Label) c.getGraphic();
            assertTrue(head.getTooltip() != null && !head.getTooltip().getText().isBlank(), head.getText() + " has a tooltip");
            String[] shown = new String[1];
            assertTrue(WindowFixture.onFx(() -> {
                shown[0] = head.lookup(".text") instanceof Text t ? t.getText() + " w=" + head.getWidth() + " pref=" + head.prefWidth(-1) : "none";
                return shownInFull(head);
            }), "the header '" + head.getText() + "' is shown in full, not as " + shown[0]);
        }
        Node ageHeader = ((TableColumn<?, ?>) table.getColumns().stream().filter(c -> "fleet-age".equals(c.getId())).findFirst()
                .orElseThrow()).getGraphic();
        robot.clickOn(ageHeader);
        WindowFixture.waitFor(5, "sorted by data age", () -> !table.getSortOrder().isEmpty()
                && "fleet-age".equals(table.getSortOrder().get(0).getId()));
        WindowFixture.waitFor(5, "the sorted header shown in full beside its arrow", () -> shownInFull((Label) ageHeader));

        TriageReport good = local.report().orElseThrow();
        TriageReport failed = new TriageReport("local", "local", Instant.now(), Duration.ofSeconds(3),
                Optional.of(new HostFailure(HostFailure.Kind.UNREACHABLE, "local could not be reached.", "")), List.of(), List.of());
        WindowFixture.runFx(() -> local.reportProperty().set(failed));
        WindowFixture.waitFor(5, "the row marked stale", () -> table.getItems().size() == 1 && table.getItems().get(0).age().stale()
                && cellTexts(robot, "#fleet-age").contains("stale: triage failed")
                && !robot.lookup(".fleet-row-stale").queryAll().isEmpty());
        assertEquals(good, table.getItems().get(0).report(), "the last good triage's figures stay, marked");
    }

    private static <T> T onFxValue(java.util.function.Supplier<T> read) throws Exception {
        java.util.concurrent.atomic.AtomicReference<T> value = new java.util.concurrent.atomic.AtomicReference<>();
        WindowFixture.runFx(() -> value.set(read.get()));
        return value.get();
    }

    private int samples() {
        long now = System.currentTimeMillis();
        return fx.ctx.store().get().store().points(org.incidentworkbench.timeseries.Selector.of(
                org.incidentworkbench.sample.SampleMetrics.CPU_IDLE, "local"), now - 120_000, now + 1000).stream()
                .mapToInt(p -> p.size()).sum();
    }

    private static List<String> cellTexts(FxRobot robot, String columnId) {
        return robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                        && columnId.substring(1).equals(c.getTableColumn().getId()) && c.getText() != null)
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText()).toList();
    }

    /** A label's skin shows its text cut with an ellipsis when it does not fit. */
    private static boolean shownInFull(Label label) {
        Node text = label.lookup(".text");
        return text instanceof Text t && t.getText().equals(label.getText());
    }
}
