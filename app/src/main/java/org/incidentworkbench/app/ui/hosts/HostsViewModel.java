package org.incidentworkbench.app.ui.hosts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.incidentworkbench.app.services.HostListFile;
import org.incidentworkbench.hosts.AnsibleInventory;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.hosts.HostImport;
import org.incidentworkbench.hosts.HostLists;
import org.incidentworkbench.hosts.KnownHostsHosts;
import org.incidentworkbench.hosts.SshConfigHosts;

/**
 * The hosts pane's state: the host list (always with "local", this machine), search, selection,
 * imports and typed additions. File work runs on {@code io}; results are published on {@code fx}.
 * The list is saved after every change.
 */
public final class HostsViewModel {

    /** What an import callback needs: read a source into hosts and notes. */
    @FunctionalInterface
    public interface Reader {
        HostImport read() throws IOException;
    }

    private final Executor io;
    private final Executor fx;
    private final HostListFile file;
    private final ObservableList<HostRow> rows = FXCollections.observableArrayList();
    private final FilteredList<HostRow> visible = new FilteredList<>(rows, r -> true);
    private final ObservableList<HostRow> selected = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final List<Consumer<List<HostEntry>>> savedListeners = new ArrayList<>();

    public HostsViewModel(HostListFile file, Executor io, Executor fx) {
        this.file = file;
        this.io = io;
        this.fx = fx;
        rows.add(new HostRow(HostEntry.local()));
        search.addListener((o, a, q) -> visible.setPredicate(r -> HostLists.matches(r.entry(), q)));
    }

    /** Loads the saved list in the background; {@code done} runs on the FX thread afterwards. */
    public void load(Runnable done) {
        busy.set(true);
        io.execute(() -> {
            List<HostEntry> saved;
            String error = null;
            try {
                saved = file.load();
            } catch (IOException e) {
                saved = List.of();
                error = e.getMessage();
            }
            List<HostEntry> loaded = saved;
            String err = error;
            fx.execute(() -> {
                replaceWith(HostLists.merge(currentEntries(), loaded));
                if (err != null) {
                    message.set(err);
                }
                busy.set(false);
                done.run();
            });
        });
    }

    public void importSshConfig(Path config) {
        importFrom("ssh config " + config, () -> SshConfigHosts.read(config));
    }

    public void importKnownHosts(Path knownHosts) {
        importFrom("known_hosts " + knownHosts, () -> KnownHostsHosts.read(knownHosts));
    }

    public void importInventory(Path inventory) {
        importFrom("Ansible inventory " + inventory, () -> AnsibleInventory.read(inventory));
    }

    /** Reads in the background, merges into the list, saves, and says what happened in {@link #messageProperty()}. */
    public void importFrom(String what, Reader reader) {
        busy.set(true);
        io.execute(() -> {
            HostImport imp;
            try {
                imp = reader.read();
            } catch (IOException | RuntimeException e) {
                String msg = "Could not import the " + what + ": " + e.getMessage();
                fx.execute(() -> {
                    message.set(msg);
                    busy.set(false);
                });
                return;
            }
            HostImport result = imp;
            fx.execute(() -> {
                int before = rows.size();
                replaceWith(HostLists.merge(currentEntries(), result.hosts()));
                int added = rows.size() - before;
                StringBuilder sb = new StringBuilder("Imported " + result.hosts().size() + " host(s) from the " + what
                        + " (" + added + " new).");
                for (String n : result.notes()) {
                    sb.append(' ').append(n);
                }
                message.set(sb.toString());
                busy.set(false);
                save();
            });
        });
    }

    /** Adds a host typed by hand; returns the reason when the text is not a host. Call on the FX thread. */
    public Optional<String> addTyped(String text) {
        HostEntry e;
        try {
            e = HostLists.typed(text);
        } catch (IllegalArgumentException ex) {
            message.set(ex.getMessage());
            return Optional.of(ex.getMessage());
        }
        replaceWith(HostLists.merge(currentEntries(), List.of(e)));
        message.set("Added " + e.name() + " (role " + e.role() + ").");
        save();
        return Optional.empty();
    }

    /** Removes hosts from the list (never "local"). */
    public void remove(List<HostRow> toRemove) {
        rows.removeIf(r -> toRemove.contains(r) && !r.entry().isLocal());
        selected.removeIf(r -> !rows.contains(r));
        save();
    }

    /** Turns {@code --sudo} on or off for these hosts' triage (not "local", which runs as this user) and saves it. */
    public void setSudo(List<HostRow> hosts, boolean on) {
        List<HostEntry> entries = rows.stream().map(r -> hosts.contains(r) && !r.entry().isLocal()
                ? r.entry().withSudo(on) : r.entry()).toList();
        List<String> names = hosts.stream().map(HostRow::name).toList();
        replaceWith(entries);
        selected.setAll(rows.stream().filter(r -> names.contains(r.name())).toList());
        save();
    }

    private void save() {
        List<HostEntry> entries = currentEntries().stream().filter(e -> !e.isLocal()).toList();
        io.execute(() -> {
            try {
                file.save(entries);
                savedListeners.forEach(l -> l.accept(entries));
            } catch (IOException e) {
                fx.execute(() -> message.set("Could not save the host list to " + file.path() + ": " + e.getMessage()));
            }
        });
    }

    /** Keeps existing rows (and their status) for hosts still listed; adds rows for new ones. */
    private void replaceWith(List<HostEntry> entries) {
        Map<String, HostRow> old = new LinkedHashMap<>();
        rows.forEach(r -> old.put(r.name(), r));
        List<HostRow> next = new ArrayList<>();
        for (HostEntry e : entries) {
            HostRow existing = old.get(e.name());
            next.add(existing != null && existing.entry().equals(e) ? existing : copyState(existing, new HostRow(e)));
        }
        rows.setAll(next);
    }

    private static HostRow copyState(HostRow from, HostRow to) {
        if (from != null) {
            to.reportProperty().set(from.reportProperty().get());
            to.failureProperty().set(from.failureProperty().get());
            to.samplingProperty().set(from.samplingProperty().get());
            to.triagingProperty().set(from.triagingProperty().get());
        }
        return to;
    }

    private List<HostEntry> currentEntries() {
        return rows.stream().map(HostRow::entry).toList();
    }

    public Optional<HostRow> find(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public ObservableList<HostRow> rows() {
        return rows;
    }

    public FilteredList<HostRow> visibleRows() {
        return visible;
    }

    public ObservableList<HostRow> selected() {
        return selected;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Called (on the io thread) after each successful save; tests wait on it. */
    public void onSaved(Consumer<List<HostEntry>> listener) {
        savedListeners.add(listener);
    }
}
