package org.incidentworkbench.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.TreeItem;
import javafx.stage.Stage;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The hosts pane in a real (headless) window: typing a host, importing an inventory, search, persistence. */
@ExtendWith(ApplicationExtension.class)
class HostsPaneTest {

    private WindowFixture fx;

    @Start
    void start(Stage stage) throws Exception {
        fx = new WindowFixture();
        fx.show(stage, 1200, 800);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    private List<String> groups() {
        return fx.view.hostsView().tree().getRoot().getChildren().stream().map(g -> g.getValue().toString()).toList();
    }

    private List<String> hostsIn(String group) {
        for (TreeItem<Object> g : fx.view.hostsView().tree().getRoot().getChildren()) {
            if (g.getValue().toString().equals(group)) {
                return g.getChildren().stream().map(h -> ((HostRow) h.getValue()).name()).toList();
            }
        }
        return List.of();
    }

    @Test
    void typedHostIsGroupedByRoleSavedAndFoundBySearch(FxRobot robot) throws Exception {
        WindowFixture.waitFor(5, "the saved list loaded", () -> !fx.view.hosts().busyProperty().get());
        robot.clickOn("#host-add").write("deploy@web-7.example.com:2222 frontend");
        robot.clickOn("#host-add-button");
        WindowFixture.waitFor(5, "the typed host in group frontend", () -> hostsIn("frontend").contains("deploy@web-7.example.com:2222"));
        WindowFixture.waitFor(5, "the host list saved", () -> Files.exists(fx.dir.resolve("hosts.json")));
        assertTrue(Files.readString(fx.dir.resolve("hosts.json")).contains("web-7.example.com"));

        robot.clickOn("#host-add").write("bad:port");
        robot.clickOn("#host-add-button");
        WindowFixture.waitFor(5, "the error for a bad port", () -> fx.view.hosts().messageProperty().get().contains("1 to 65535"));

        robot.clickOn("#host-search").write("frontend");
        WindowFixture.waitFor(5, "search leaving only frontend", () -> groups().equals(List.of("frontend")));
    }

    @Test
    void sudoIsAPerHostSettingFromTheContextMenuStoredWithTheHost(FxRobot robot) throws Exception {
        WindowFixture.waitFor(5, "the saved list loaded", () -> !fx.view.hosts().busyProperty().get());
        robot.clickOn("#host-add").write("alice@db-9.example.com:22 db");
        robot.clickOn("#host-add-button");
        WindowFixture.waitFor(5, "the typed host in group db", () -> hostsIn("db").contains("alice@db-9.example.com:22"));
        HostRow row = fx.view.hosts().find("alice@db-9.example.com:22").orElseThrow();
        WindowFixture.runFx(() -> fx.view.hosts().selected().setAll(row));
        // the tree's context menu item, fired as a click would (popups are not reliable under headless Monocle)
        WindowFixture.runFx(() -> {
            javafx.scene.control.CheckMenuItem sudo = (javafx.scene.control.CheckMenuItem) fx.view.hostsView().tree()
                    .getContextMenu().getItems().stream().filter(i -> "host-sudo".equals(i.getId())).findFirst().orElseThrow();
            assertEquals("Use sudo for the kernel log, journal and socket owners", sudo.getText());
            sudo.setSelected(true);
            sudo.fire();
        });
        WindowFixture.waitFor(5, "sudo stored in hosts.json", () -> {
            try {
                return Files.readString(fx.dir.resolve("hosts.json")).contains("\"sudo\" : true");
            } catch (java.io.IOException notYet) {
                return false;
            }
        });
        assertTrue(fx.view.hosts().find("alice@db-9.example.com:22").orElseThrow().entry().sudo());
        assertEquals(List.of("alice@db-9.example.com:22"), fx.view.hosts().selected().stream().map(HostRow::name).toList(),
                "the host stays selected");
    }

    @Test
    void ansibleInventoryImportsGroupsAsRoles() throws Exception {
        Path inv = fx.dir.resolve("inventory.ini");
        Files.writeString(inv, "[web]\nweb-[1:3]\n[db]\ndb-1 ansible_host=10.0.0.5\n");
        WindowFixture.runFx(() -> fx.view.hosts().importInventory(inv));
        WindowFixture.waitFor(5, "web and db groups", () -> groups().containsAll(List.of("db", "web", "this machine")));
        assertEquals(List.of("web-1", "web-2", "web-3"), hostsIn("web"));
        assertTrue(fx.view.hosts().messageProperty().get().startsWith("Imported 4 host(s)"), fx.view.hosts().messageProperty().get());
    }
}
