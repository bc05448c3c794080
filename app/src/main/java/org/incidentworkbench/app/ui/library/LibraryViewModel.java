package org.incidentworkbench.app.ui.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.incidentworkbench.app.AppInfo;
import org.incidentworkbench.app.ui.Notice;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.SharingNote;
import org.incidentworkbench.playbooks.library.BundleLibrary;
import org.incidentworkbench.playbooks.library.LibraryEntry;
import org.incidentworkbench.playbooks.share.BundleSharer;

/**
 * The team library in the window: a folder (remembered), its bundles listed and searched
 * ({@link BundleLibrary}), one action to replay or train on one, and "Publish to library", which puts in
 * only a copy redacted for sharing: a shared bundle is copied, an original is shared into the folder.
 * Scanning and publishing run on {@code io}; results are published on {@code fx}.
 */
public final class LibraryViewModel {

    /** Where the folder setting lives (java.util.prefs in the window, a field in tests). */
    public interface FolderSetting {
        Optional<Path> get();

        void set(Path folder);
    }

    private final Executor io;
    private final Executor fx;
    private final Consumer<Notice> notices;
    private final FolderSetting setting;
    private final Consumer<Path> replay;
    private final Consumer<Path> train;
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("Choose the team's incident folder (for example a git checkout).");
    private final ObservableList<LibraryEntry> shown = FXCollections.observableArrayList();
    private List<LibraryEntry> all = List.of();
    private int scans;

    public LibraryViewModel(Executor io, Executor fx, Consumer<Notice> notices, FolderSetting setting, Consumer<Path> replay,
                            Consumer<Path> train) {
        this.io = io;
        this.fx = fx;
        this.notices = notices;
        this.setting = setting;
        this.replay = replay;
        this.train = train;
        query.addListener((o, a, q) -> filter());
        setting.get().ifPresent(p -> {
            folder.set(p.toString());
            rescan();
        });
    }

    /** Uses {@code dir} as the library (remembered) and lists it. */
    public void useFolder(Path dir) {
        folder.set(dir.toString());
        setting.set(dir);
        rescan();
    }

    /** Lists the folder again (after a git pull, say). */
    public void rescan() {
        String f = folder.get();
        if (f == null || f.isBlank()) {
            return;
        }
        Path dir = Path.of(f);
        status.set("Reading " + dir + "...");
        scans++;
        io.execute(() -> {
            try {
                BundleLibrary.Listing l = BundleLibrary.scan(dir);
                fx.execute(() -> {
                    all = l.entries();
                    filter();
                    long originals = all.stream().filter(e -> !e.shared()).count();
                    status.set(all.size() + (all.size() == 1 ? " incident" : " incidents") + " in " + dir
                            + (originals > 0 ? ", " + originals + " not redacted for sharing" : "")
                            + (l.problems().isEmpty() ? "" : "; " + l.problems().size() + " could not be read: " + l.problems().get(0)));
                });
            } catch (Exception e) {
                fx.execute(() -> {
                    all = List.of();
                    filter();
                    status.set(String.valueOf(e.getMessage()));
                });
            }
        });
    }

    private void filter() {
        shown.setAll(BundleLibrary.search(all, query.get()));
    }

    public void replay(LibraryEntry e) {
        replay.accept(e.file());
    }

    public void train(LibraryEntry e) {
        train.accept(e.file());
    }

    /**
     * Puts {@code bundle} into the library: a copy redacted for sharing is copied in; an original is
     * shared into the folder (secrets redacted, hosts aliased). {@code done} gets the path written.
     */
    public void publish(IncidentBundle bundle, Consumer<Path> done) {
        String f = folder.get();
        if (f == null || f.isBlank()) {
            notices.accept(Notice.warning("No library folder", "Choose the team library's folder first."));
            return;
        }
        Path dir = Path.of(f);
        io.execute(() -> {
            try {
                Path written;
                String what;
                if (bundle.manifest().redactedForSharing()) {
                    written = BundleLibrary.publish(bundle, dir);
                    what = "copied in (it was already redacted for sharing)";
                } else {
                    Files.createDirectories(dir);
                    written = dir.resolve(BundleSharer.sharedName(bundle.file().getFileName().toString()));
                    SharingNote note = BundleSharer.share(bundle, written, new BundleSharer.Options(false, List.of(), AppInfo.product(),
                            Instant.now()));
                    what = note.describe();
                }
                fx.execute(() -> {
                    notices.accept(Notice.info("Published " + written.getFileName() + " to the library", what));
                    done.accept(written);
                    rescan();
                });
            } catch (Exception e) {
                fx.execute(() -> notices.accept(Notice.critical("Could not publish to the library", String.valueOf(e.getMessage()))));
            }
        });
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The entries matching the search, newest incident first. */
    public ObservableList<LibraryEntry> shown() {
        return shown;
    }

    /** For tests: how many scans were started. */
    int scans() {
        return scans;
    }

    /** A folder setting kept in memory (tests, or when preferences are not wanted). */
    public static FolderSetting inMemory(Path initial) {
        return new FolderSetting() {
            private Path p = initial;

            @Override
            public Optional<Path> get() {
                return Optional.ofNullable(p);
            }

            @Override
            public void set(Path folder) {
                p = folder;
            }
        };
    }

    /** The folder remembered in the window's preferences. */
    public static FolderSetting remembered(Supplier<String> get, Consumer<String> set) {
        return new FolderSetting() {
            @Override
            public Optional<Path> get() {
                String s = get.get();
                return s == null || s.isBlank() ? Optional.empty() : Optional.of(Path.of(s));
            }

            @Override
            public void set(Path folder) {
                set.accept(folder.toString());
            }
        };
    }
}
