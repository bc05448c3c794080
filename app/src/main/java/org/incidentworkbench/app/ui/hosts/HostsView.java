package org.incidentworkbench.app.ui.hosts;

import java.util.Optional;
import org.incidentworkbench.probe.TriageReport;

import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;
import org.incidentworkbench.app.services.WorkbenchDirs;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.hosts.HostLists;
import org.incidentworkbench.probe.TriageReport;

/**
 * The hosts pane: search, recent hosts as links, the host tree grouped by role, a status dot and word
 * per host, import and add-by-hand. Selecting a role selects its hosts. Binds to {@link HostsViewModel}.
 */
public final class HostsView extends VBox {


    private final HostsViewModel vm;
    private final ObservableList<String> recent;
    private final javafx.scene.layout.FlowPane recentRow = new javafx.scene.layout.FlowPane();
    private final TreeView<Object> tree = new TreeView<>();
    private boolean rebuilding;

    public HostsView(HostsViewModel vm, ObservableList<String> recent) {
        this.vm = vm;
        this.recent = recent;
        getStyleClass().add("hosts-pane");
        setSpacing(6);
        setPadding(new Insets(6));

        Label title = new Label("Hosts");
        title.getStyleClass().add("pane-title");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.busyProperty());

        TextField search = new TextField();
        search.setId("host-search");
        search.setPromptText("search hosts, roles, addresses");
        search.textProperty().bindBidirectional(vm.searchProperty());

        MenuButton importMenu = new MenuButton("Import");
        importMenu.setId("host-import");
        MenuItem sshConfig = new MenuItem("~/.ssh/config");
        sshConfig.setOnAction(e -> vm.importSshConfig(WorkbenchDirs.home().resolve(".ssh/config")));
        MenuItem knownHosts = new MenuItem("~/.ssh/known_hosts");
        knownHosts.setOnAction(e -> vm.importKnownHosts(WorkbenchDirs.home().resolve(".ssh/known_hosts")));
        MenuItem inventory = new MenuItem("Ansible inventory (INI or YAML)...");
        inventory.setOnAction(e -> chooseFile("Ansible inventory").ifPresent(vm::importInventory));
        MenuItem otherConfig = new MenuItem("Another ssh config file...");
        otherConfig.setOnAction(e -> chooseFile("ssh config").ifPresent(vm::importSshConfig));
        importMenu.getItems().addAll(sshConfig, knownHosts, inventory, otherConfig);
        // file names are not mnemonics: "known_hosts" would lose its underscore
        importMenu.getItems().forEach(i -> i.setMnemonicParsing(false));

        HBox header = new HBox(6, title, busy, spacer(), importMenu);

        tree.setId("host-tree");
        tree.setShowRoot(false);
        tree.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        tree.setCellFactory(t -> new HostCell());
        VBox.setVgrow(tree, Priority.ALWAYS);
        MenuItem remove = new MenuItem("Remove from list");
        remove.setOnAction(e -> vm.remove(List.copyOf(vm.selected())));
        // per host, stored with it: the logs probe and ss -tanp through sudo -n (never prompts; the coverage says when it fell back)
        javafx.scene.control.CheckMenuItem sudo = new javafx.scene.control.CheckMenuItem("Use sudo for the kernel log, journal and socket owners");
        sudo.setId("host-sudo");
        sudo.setOnAction(e -> vm.setSudo(List.copyOf(vm.selected()), sudo.isSelected()));
        // a context menu is a popup window with its own scene: made after the window's first frame, which shows none
        org.incidentworkbench.app.ui.FxExecutors.afterNextFrame(() -> {
            ContextMenu menu = new ContextMenu(remove, sudo);
            menu.setOnShowing(e -> sudo.setSelected(!vm.selected().isEmpty()
                    && vm.selected().stream().allMatch(r -> r.entry().sudo())));
            tree.setContextMenu(menu);
        });

        TextField add = new TextField();
        add.setId("host-add");
        add.setPromptText("user@host:port [role]");
        HBox.setHgrow(add, Priority.ALWAYS);
        Button addButton = new Button("Add");
        addButton.setId("host-add-button");
        Runnable doAdd = () -> {
            if (vm.addTyped(add.getText()).isEmpty()) {
                add.clear();
            }
        };
        addButton.setOnAction(e -> doAdd.run());
        add.setOnAction(e -> doAdd.run());

        Label message = new Label();
        message.setId("host-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("pane-message");
        message.setMaxHeight(120);

        recentRow.setId("host-recent");
        recentRow.setHgap(2);
        getChildren().addAll(header, search, recentRow, tree, new HBox(6, add, addButton), message);

        vm.visibleRows().addListener((ListChangeListener<HostRow>) c -> rebuild());
        // the recent group is redrawn on the next frame, not in the one that starts a triage
        recent.addListener((ListChangeListener<String>) c -> org.incidentworkbench.app.ui.FxExecutors.nextFrame(this::rebuild));
        tree.getSelectionModel().getSelectedItems().addListener((ListChangeListener<TreeItem<Object>>) c -> syncSelection());
        rebuild();
    }

    private static HBox spacer() {
        HBox s = new HBox();
        HBox.setHgrow(s, Priority.ALWAYS);
        return s;
    }

    private java.util.Optional<Path> chooseFile(String what) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import hosts from an " + what);
        chooser.setInitialDirectory(WorkbenchDirs.home().toFile());
        File f = chooser.showOpenDialog(getScene() == null ? null : getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    /** Rebuilds the tree from the visible rows, keeping the selection and which groups were collapsed. */
    private void rebuild() {
        rebuilding = true;
        try {
            Set<String> collapsed = new LinkedHashSet<>();
            if (tree.getRoot() != null) {
                for (TreeItem<Object> g : tree.getRoot().getChildren()) {
                    if (!g.isExpanded()) {
                        collapsed.add(String.valueOf(g.getValue()));
                    }
                }
            }
            List<HostRow> keep = List.copyOf(vm.selected());
            TreeItem<Object> root = new TreeItem<>("hosts");
            List<HostRow> visible = List.copyOf(vm.visibleRows());
            rebuildRecent(visible);
            // each group's rows found by identity: linear in the hosts, and no record equals on the window's first frame
            Map<HostEntry, HostRow> rowOf = new java.util.IdentityHashMap<>();
            visible.forEach(r -> rowOf.put(r.entry(), r));
            Map<String, List<HostEntry>> byRole = HostLists.byRole(visible.stream().map(HostRow::entry).toList());
            for (Map.Entry<String, List<HostEntry>> e : byRole.entrySet()) {
                List<HostRow> members = e.getValue().stream().map(rowOf::get).toList();
                root.getChildren().add(group(e.getKey(), members, collapsed));
            }
            tree.setRoot(root);
            tree.getSelectionModel().clearSelection();
            for (TreeItem<Object> g : root.getChildren()) {
                for (TreeItem<Object> h : g.getChildren()) {
                    if (keep.contains(h.getValue())) {
                        tree.getSelectionModel().select(h);
                    }
                }
            }
        } finally {
            rebuilding = false;
        }
        syncSelection();
    }

    /**
     * Recent hosts as links above the tree, newest first: each host stays one row in the tree (a "recent"
     * group listed every recent host a second time, and selecting it selected them all).
     */
    private void rebuildRecent(List<HostRow> visible) {
        recentRow.getChildren().clear();
        for (String name : recent) {
            if (visible.stream().anyMatch(r -> r.name().equals(name)) && recentRow.getChildren().size() < 6) {
                javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink(name);
                link.setMnemonicParsing(false);
                link.getStyleClass().add("recent-host");
                link.setOnAction(e -> select(List.of(name)));
                recentRow.getChildren().add(link);
            }
        }
        if (!recentRow.getChildren().isEmpty()) {
            Label l = new Label("Recent:");
            l.getStyleClass().add("pane-message");
            recentRow.getChildren().add(0, l);
        }
        recentRow.setVisible(!recentRow.getChildren().isEmpty());
        recentRow.setManaged(recentRow.isVisible());
    }

    private static TreeItem<Object> group(String name, List<HostRow> members, Set<String> collapsed) {
        TreeItem<Object> g = new TreeItem<>(new RoleGroup(name, members.size()));
        for (HostRow r : members) {
            g.getChildren().add(new TreeItem<>(r));
        }
        g.setExpanded(!collapsed.contains(g.getValue().toString()));
        return g;
    }

    private void syncSelection() {
        if (rebuilding) {
            return;
        }
        Set<HostRow> sel = new LinkedHashSet<>();
        for (TreeItem<Object> item : tree.getSelectionModel().getSelectedItems()) {
            if (item == null) {
                continue;
            }
            if (item.getValue() instanceof HostRow r) {
                sel.add(r);
            } else if (item.getValue() instanceof RoleGroup) {
                item.getChildren().forEach(c -> sel.add((HostRow) c.getValue()));
            }
        }
        vm.selected().setAll(sel);
    }

    /** Selects the named hosts in the tree (tests and "recent" use it). */
    public void select(List<String> names) {
        List<Integer> rows = new java.util.ArrayList<>();
        for (TreeItem<Object> g : tree.getRoot().getChildren()) {
            for (TreeItem<Object> h : g.getChildren()) {
                if (names.contains(((HostRow) h.getValue()).name())) {
                    int row = tree.getRow(h);
                    if (row >= 0) {
                        rows.add(row);
                    }
                }
            }
        }
        // one selection change for all hosts, not one per host
        rebuilding = true;
        try {
            tree.getSelectionModel().clearSelection();
            if (!rows.isEmpty()) {
                tree.getSelectionModel().selectIndices(rows.get(0), rows.stream().skip(1).mapToInt(Integer::intValue).toArray());
            }
        } finally {
            rebuilding = false;
        }
        syncSelection();
    }

    public TreeView<Object> tree() {
        return tree;
    }

    /** A role heading in the tree; equal by name so collapsed state survives a rebuild. */
    record RoleGroup(String name, int count) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Shows a host with its status dot, status words and its findings' worst severity. */
    private static final class HostCell extends TreeCell<Object> {
        private final Circle dot = new Circle(5);
        private final Label name = new Label();
        private final Label status = new Label();
        private final Label badge = new Label();
        private final HBox box = new HBox(6, dot, name, status, badge);
        private final javafx.beans.InvalidationListener refresh = o -> refresh();
        /**
         * One tooltip per cell, its text replaced on reuse: a Tooltip is a popup window, costly to make per
         * update. Made when the cell first shows a host: the tree fills its height with empty cells, which
         * never need one (thirty of them at start cost the first frame about 40 ms).
         */
        private Tooltip tip;
        private HostRow current;

        HostCell() {
            status.getStyleClass().add("host-status");
        }

        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            if (current != null) {
                current.statusProperty().removeListener(refresh);
                current.progressProperty().removeListener(refresh);
                current.reportProperty().removeListener(refresh);
                current = null;
            }
            getStyleClass().remove("role-group");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            if (item instanceof RoleGroup g) {
                setTooltip(null);
                setText(g.name() + " (" + g.count() + ")");
                setGraphic(null);
                getStyleClass().add("role-group");
                return;
            }
            current = (HostRow) item;
            current.statusProperty().addListener(refresh);
            current.progressProperty().addListener(refresh);
            current.reportProperty().addListener(refresh);
            setText(null);
            name.setText(current.name() + (current.entry().sudo() ? " (sudo)" : ""));
            if (tip == null) {
                tip = new Tooltip();
            }
            tip.setText(current.entry().connectTarget() + "\nroles: " + String.join(", ", current.entry().roles())
                    + "\nfrom " + current.entry().source().label()
                    + (current.entry().sudo() ? "\nthe logs probe runs through sudo -n" : ""));
            setTooltip(tip);
            refresh();
            setGraphic(box);
        }

        private void refresh() {
            HostRow r = current;
            if (r == null) {
                return;
            }
            // always the live report: a replay shows its hosts in the replay tab, never here
            Optional<TriageReport> shown = r.report();
            status.setText(r.statusText());
            dot.getStyleClass().setAll("status-dot", r.status().styleClass());
            badge.getStyleClass().setAll("finding-badge");
            badge.setText(shown.map(rep -> {
                long crit = rep.findings().stream().filter(f -> f.severity() == Severity.CRITICAL).count();
                long warn = rep.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
                return crit > 0 ? crit + " critical" : warn > 0 ? warn + " warning" + (warn > 1 ? "s" : "") : rep.triaged() ? "ok" : "";
            }).orElse(""));
            shown.flatMap(rep -> rep.findings().stream().findFirst())
                    .ifPresent(f -> badge.getStyleClass().add("severity-" + f.severity().name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
