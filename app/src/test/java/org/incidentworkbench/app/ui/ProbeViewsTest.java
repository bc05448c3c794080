package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.incidentworkbench.app.model.probes.ProbeFixtures;
import org.incidentworkbench.app.model.probes.ProcessLine;
import org.incidentworkbench.app.ui.triage.TriageView;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The purpose-built probe views in the Triage tab's report, shown from a report the real parsers made
 * of real Debian 12 output (D-state processes and zombies, full filesystems, CLOSE-WAIT sockets, a busy
 * disk, a log without journal files), in both themes.
 */
@ExtendWith(ApplicationExtension.class)
class ProbeViewsTest {

    private StackPane root;
    private Scene scene;

    static TriageReport fixtureReport() {
        List<ProbeResult> results = List.of(
                ProbeFixtures.result(Probes.W, "w.out"),
                ProbeFixtures.result(Probes.UPTIME, "uptime.out"),
                ProbeFixtures.result(Probes.IP, "ip-s-addr--with-ip-route-section.out"),
                ProbeFixtures.result(Probes.PS, "ps-eo--probe-d-state-zombies.out"),
                ProbeFixtures.result(Probes.DF, "df-PTk--with-df-Pi-space-and-inodes-full.out"),
                ProbeFixtures.result(Probes.TOP, "top-b-n1.out"),
                ProbeFixtures.result(Probes.IOSTAT, "iostat-dxk-1-2--busy-writer.out"),
                ProbeFixtures.result(Probes.SS, "ss-s--with-ss-tanp-close-wait-time-wait.out"),
                ProbeFixtures.result(Probes.LOGS, "logs--probe-no-journal-segfault.out"));
        TriageReport r = new TriageReport("web-1", "root@web-1:22", Instant.parse("2026-11-25T07:00:00Z"), Duration.ofSeconds(1),
                Optional.empty(), results, List.of());
        return r.withFindings(Findings.evaluate(r));
    }

    @Start
    void start(Stage stage) {
        root = new StackPane(TriageView.reportContent(fixtureReport()));
        scene = new Scene(root, 1280, 800);
        MainView.applyTheme(scene, false);
        stage.setScene(scene);
        stage.show();
    }

    /**
     * Reads the scene on the FX thread: a lookup from the test thread walks children lists the FX thread may be
     * changing in the same moment (a virtual flow adding cells), which once threw IndexOutOfBoundsException.
     */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        Object[] out = new Object[1];
        WindowFixture.runFx(() -> {
            try {
                out[0] = read.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    private Node openProbe(FxRobot robot, String probe) throws Exception {
        WindowFixture.runFx(() -> {
            TabPane tabs = robot.lookup("#probe-tabs").queryAs(TabPane.class);
            Tab t = tabs.getTabs().stream().filter(x -> x.getText().equals(probe)).findFirst().orElseThrow();
            tabs.getSelectionModel().select(t);
        });
        WindowFixture.waitFor(10, "the " + probe + " view", () -> robot.lookup("#probe-view-" + probe).tryQuery().isPresent()
                && robot.lookup("#probe-view-" + probe).queryAs(Node.class).isVisible());
        Tab viewTab = onFx(() -> robot.lookup("#probe-inner-tabs").queryAllAs(TabPane.class).stream()
                .flatMap(p -> p.getTabs().stream()).filter(t -> ("probe-view-" + probe).equals(t.getId())).findFirst().orElseThrow());
        assertTrue(viewTab.isSelected(), "the " + probe + " view is the first thing shown");
        return viewTab.getContent();
    }

    @SuppressWarnings("unchecked")
    @Test
    void psShowsTopConsumersWithKernelThreadsHiddenAndZombiesMarked(FxRobot robot) throws Exception {
        Node view = openProbe(robot, "ps");
        TableView<ProcessLine> table = (TableView<ProcessLine>) view.lookup("#process-table");
        List<ProcessLine> shown = List.copyOf(table.getItems());
        assertTrue(shown.stream().noneMatch(ProcessLine::kernelThread), "kernel threads hidden by default");
        double max = shown.stream().mapToDouble(ProcessLine::cpuPercent).max().orElseThrow();
        assertEquals(max, shown.get(0).cpuPercent(), "the top CPU consumer first");
        int before = shown.size();
        robot.clickOn("#process-kernel-toggle");
        WindowFixture.waitFor(5, "kernel threads shown", () -> table.getItems().size() > before);
        robot.clickOn("#process-sort-rss");
        WindowFixture.waitFor(5, "sorted by RSS", () -> table.getItems().get(0).rssBytes()
                == table.getItems().stream().mapToLong(ProcessLine::rssBytes).max().orElseThrow());
        robot.clickOn("#process-tree-toggle");
        WindowFixture.waitFor(5, "the tree", () -> table.getItems().stream().anyMatch(p -> p.depth() > 0));
        // zombie and D-state rows carry their marks, and the command's full text is the tooltip
        WindowFixture.runFx(() -> {
            table.getSelectionModel().clearSelection();
            robot.lookup("#process-table").queryAs(TableView.class).refresh();
        });
        WindowFixture.waitFor(5, "marked rows", () -> !table.lookupAll(".process-zombie").isEmpty()
                || !table.lookupAll(".process-uninterruptible").isEmpty());
        String fullCommand = shown.stream().filter(p -> p.pid() == 1).findFirst().orElseThrow().command();
        WindowFixture.runFx(() -> table.scrollTo(table.getItems().stream().filter(p -> p.pid() == 1).findFirst().orElseThrow()));
        WindowFixture.waitFor(5, "pid 1's row", () -> table.lookupAll(".command-cell").stream()
                .anyMatch(n -> ((javafx.scene.control.TableCell<?, ?>) n).getItem() instanceof ProcessLine p && p.pid() == 1));
        assertTrue(onFx(() -> table.lookupAll(".command-cell").stream()
                .map(n -> ((javafx.scene.control.TableCell<?, ?>) n).getTooltip())
                .anyMatch(t -> t != null && t.getText().equals(fullCommand))), "pid 1's full command line is a tooltip");
        Set<String> checks = Set.of("process-kernel-toggle", "process-tree-toggle");
        assertTrue(onFx(() -> view.lookupAll(".check-box").stream().map(Node::getId).toList().containsAll(checks)));
        assertTrue(onFx(() -> ((CheckBox) view.lookup("#process-kernel-toggle")).getText()).matches("kernel threads \\(\\d+\\)"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void dfPutsTheFullFilesystemFirstWithARedBar(FxRobot robot) throws Exception {
        Node view = openProbe(robot, "df");
        TableView<org.incidentworkbench.app.model.probes.FilesystemLine> table =
                (TableView<org.incidentworkbench.app.model.probes.FilesystemLine>) view.lookup("#df-table");
        assertEquals("/tmp/iw-parsers-full", table.getItems().get(0).mountedOn());
        assertEquals("MOUNTED ON", table.getColumns().get(0).getText());
        WindowFixture.waitFor(5, "the bars", () -> !table.lookupAll(".use-bar").isEmpty());
        assertTrue(onFx(() -> table.lookupAll(".use-bar.level-critical").size()) >= 2, "space and inodes of the full filesystem are red");
        assertTrue(onFx(() -> table.lookupAll(".use-bar.level-ok").size()) >= 1, "the root filesystem at 24 % is green");
    }

    @Test
    void ssShowsTheStateHistogramAndWhoHoldsCloseWait(FxRobot robot) throws Exception {
        Node view = openProbe(robot, "ss");
        javafx.scene.layout.GridPane histogram = (javafx.scene.layout.GridPane) view.lookup("#ss-histogram");
        List<String> labels = histogram.getChildren().stream().filter(n -> n instanceof javafx.scene.control.Label)
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertTrue(labels.containsAll(List.of("CLOSE-WAIT", "25", "TIME-WAIT", "28")), labels.toString());
        TableView<?> stuck = (TableView<?>) view.lookup("#ss-stuck");
        assertEquals("python3 (pid 23175)", ((org.incidentworkbench.app.model.probes.SocketGroups.Held) stuck.getItems().get(0)).process());
        assertEquals(3, ((TableView<?>) view.lookup("#ss-listeners")).getItems().size());
    }

    @Test
    void logsGroupsByPatternWithTheSegfaultOnTopAndNoContradictoryNote(FxRobot robot) throws Exception {
        Node view = openProbe(robot, "logs");
        TableView<?> table = (TableView<?>) view.lookup("#logs-groups");
        var top = (org.incidentworkbench.app.model.probes.LogPatterns.Group) table.getItems().get(0);
        assertTrue(top.flags().contains("segfault"), top.toString());
        WindowFixture.waitFor(5, "the flagged row marked", () -> !table.lookupAll(".log-flagged").isEmpty());
        List<String> sources = onFx(() -> view.lookup("#logs-sources").lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList());
        assertTrue(sources.get(0).startsWith("journal: none on this host"), sources.toString());
        assertTrue(sources.stream().noneMatch(t -> t.contains("No journal files were found")), sources.toString());
    }

    @SuppressWarnings("unchecked")
    @Test
    void iostatShowsTheUseColumnsFirstAndTheRestBehindMoreColumns(FxRobot robot) throws Exception {
        Node view = openProbe(robot, "iostat");
        TableView<org.incidentworkbench.app.model.probes.DeviceLine> table =
                (TableView<org.incidentworkbench.app.model.probes.DeviceLine>) view.lookup("#iostat-table");
        assertEquals(List.of("DEVICE", "%UTIL", "R_AWAIT", "W_AWAIT", "AQU-SZ", "R/S", "W/S", "READ", "WRITE"),
                table.getColumns().stream().map(c -> c.getText()).toList());
        assertEquals("vda", table.getItems().get(0).name());
        int before = table.getColumns().size();
        robot.clickOn("#iostat-more");
        WindowFixture.waitFor(5, "more columns", () -> table.getColumns().stream().anyMatch(c -> c.getText().equals("wareq-sz")));
        assertTrue(table.getColumns().size() > before + 5);
    }

    @Test
    void topIpWAndUptimeAnswerInBarsTablesOrOneLine(FxRobot robot) throws Exception {
        Node top = openProbe(robot, "top");
        assertTrue(top.lookup("#top-cpu-bar") != null, "the CPU split is a stacked bar");
        assertTrue(top.lookup("#process-table") != null, "top's processes in the ps table");
        Node ip = openProbe(robot, "ip");
        assertTrue(((TableView<?>) ip.lookup("#ip-interfaces")).getItems().size() >= 2);
        assertTrue(!((TableView<?>) ip.lookup("#ip-routes")).getItems().isEmpty());
        Node w = openProbe(robot, "w");
        assertEquals("No one is logged in (w lists no session).", ((javafx.scene.control.Label) w.lookup("#w-summary")).getText());
        Node up = openProbe(robot, "uptime");
        assertTrue(((javafx.scene.control.Label) up.lookup("#uptime-summary")).getText().startsWith("up 12 min; load 0.84"));
        assertTrue(up.lookup(".table-view") == null, "one line, no table of empty rows");
    }
}
