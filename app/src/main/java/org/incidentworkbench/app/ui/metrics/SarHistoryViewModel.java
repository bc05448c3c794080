package org.incidentworkbench.app.ui.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.app.services.SarHistoryService;
import org.incidentworkbench.app.services.StoreService;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.history.SarArchives;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.ssh.HostSpec;
import org.incidentworkbench.ssh.LocalTransport;
import org.incidentworkbench.ssh.SshConfigResolver;
import org.incidentworkbench.ssh.Transport;

/**
 * "Load 7 days of history from sysstat" for the selected hosts: the app's {@link SarHistoryService} (the same
 * as {@code workbench history sar}), one host after the other on {@code io}, with progress and one sentence
 * per host on {@code fx}: what was loaded, or why nothing was (no sysstat: the package; no archives: how to
 * turn collection on). When something was loaded the charts are told from when, so they show it beside the
 * samples.
 */
public final class SarHistoryViewModel {

    /** What the button offers: a week, what sysstat keeps by default (HISTORY=7 on Debian). */
    public static final int DAYS = 7;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Supplier<StoreService> store;
    private final Transport ssh;
    private final Supplier<SshConfigResolver> resolver;
    private final Executor io;
    private final Executor fx;
    private final LongConsumer loadedSince;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty message = new SimpleStringProperty("");
    private volatile List<String> dirs = SarArchives.DEFAULT_DIRS;

    /**
     * @param loadedSince told on {@code fx} the oldest point loaded, when any was
     */
    public SarHistoryViewModel(Supplier<StoreService> store, Transport ssh, Supplier<SshConfigResolver> resolver, Executor io,
                               Executor fx, LongConsumer loadedSince) {
        this.store = store;
        this.ssh = ssh;
        this.resolver = resolver;
        this.io = io;
        this.fx = fx;
        this.loadedSince = loadedSince;
    }

    /** Where the archives are looked for on every host (sysstat's SA_DIR); the usual two by default. */
    public void setDirs(List<String> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** Loads the hosts' last {@link #DAYS} days of sysstat archives into the store (FX thread; ignored while loading). */
    public void load(List<HostRow> hosts) {
        if (busy.get() || hosts.isEmpty()) {
            return;
        }
        List<HostEntry> entries = hosts.stream().map(HostRow::entry).toList();
        SarArchives.Request request = new SarArchives.Request(DAYS, dirs);
        busy.set(true);
        progress.set(0);
        message.set("Reading " + DAYS + " days of sysstat history of " + names(entries) + "...");
        io.execute(() -> loadAll(entries, request));
    }

    private void loadAll(List<HostEntry> entries, SarArchives.Request request) {
        List<String> lines = new ArrayList<>();
        long first = Long.MAX_VALUE;
        for (int i = 0; i < entries.size(); i++) {
            HostEntry e = entries.get(i);
            double done = i / (double) entries.size();
            String doing = "Reading the sysstat archives of " + e.name() + (entries.size() > 1 ? " (" + (i + 1) + " of " + entries.size() + ")" : "")
                    + "...";
            fx.execute(() -> {
                progress.set(done);
                message.set(doing);
            });
            try {
                SarHistoryService.HostHistory h = service(e).load(spec(e), request);
                lines.add(sentence(h));
                if (h.first().isPresent()) {
                    first = Math.min(first, h.first().getAsLong());
                }
            } catch (RuntimeException ex) { // an ssh_config that does not parse, the store closed with the window
                lines.add(e.name() + ": " + ex.getMessage());
            }
        }
        long since = first;
        String text = String.join("\n", lines);
        fx.execute(() -> {
            progress.set(1);
            message.set(text);
            busy.set(false);
            if (since != Long.MAX_VALUE) {
                loadedSince.accept(since);
            }
        });
    }

    private SarHistoryService service(HostEntry e) {
        return new SarHistoryService(e.isLocal() ? new LocalTransport() : ssh, store.get().store());
    }

    private HostSpec spec(HostEntry e) {
        // withAlias keeps the rest, including the host's UserKnownHostsFile from ssh_config (as sampling does)
        return e.isLocal() ? LocalTransport.HOST : resolver.get().resolve(e.connectTarget()).withAlias(e.name());
    }

    /** One host's outcome as a sentence: what is now on the charts, or why nothing is. */
    static String sentence(SarHistoryService.HostHistory h) {
        if (h.problem().isPresent()) {
            return h.problem().get();
        }
        if (h.points() == 0) {
            return h.host() + ": its sysstat archives hold no records of the last " + DAYS + " days.";
        }
        String span = h.first().isPresent() && h.last().isPresent()
                ? ", " + WHEN.format(Instant.ofEpochMilli(h.first().getAsLong())) + " to " + WHEN.format(Instant.ofEpochMilli(h.last().getAsLong()))
                + " (" + Durations.human(Duration.ofMillis(h.last().getAsLong() - h.first().getAsLong())) + ")"
                : "";
        return String.format(Locale.ROOT, "%s: %,d points of sysstat history from %d records in %d archive%s%s; shown as source=sar.",
                h.host(), h.points(), h.records(), h.archives().size(), h.archives().size() == 1 ? "" : "s", span)
                + (h.notes().isEmpty() ? "" : " " + String.join(" ", h.notes()));
    }

    private static String names(List<HostEntry> entries) {
        return entries.size() <= 3 ? String.join(", ", entries.stream().map(HostEntry::name).toList()) : entries.size() + " hosts";
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    /** What the last load did, one sentence per host, or what it is doing. */
    public StringProperty messageProperty() {
        return message;
    }
}
