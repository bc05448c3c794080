package org.incidentworkbench.app.ui.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.incidentworkbench.app.model.ReportTables;
import org.incidentworkbench.app.ui.Notice;
import org.incidentworkbench.app.ui.hosts.HostRow;
import org.incidentworkbench.probe.Finding;
import org.incidentworkbench.probe.Severity;
import org.incidentworkbench.ssh.HostFailure;
import org.incidentworkbench.probe.TriageReport;

/**
 * One-click triage of the selected hosts: marks each host triaging, runs the triager on the
 * {@code work} executor (hosts in parallel), and publishes each report on {@code fx} as it arrives,
 * with a notification when the batch is done and for each critical finding the host did not have
 * at its previous triage.
 */
public final class TriageViewModel {

    private final HostTriager triager;
    private final Executor work;
    private final Executor fx;
    private final Consumer<Notice> notices;
    private final List<Consumer<TriageReport>> reportListeners = new ArrayList<>();
    private final IntegerProperty running = new SimpleIntegerProperty(0);
    private final IntegerProperty batchTotal = new SimpleIntegerProperty(0);
    private final IntegerProperty batchDone = new SimpleIntegerProperty(0);
    private final DoubleProperty progress = new SimpleDoubleProperty(1);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<HostRow> shown = new SimpleObjectProperty<>(null);
    private final List<TriageReport> batchReports = new ArrayList<>();
    private final List<String> newCritical = new ArrayList<>();

    public TriageViewModel(HostTriager triager, Executor work, Executor fx, Consumer<Notice> notices) {
        this.triager = triager;
        this.work = work;
        this.fx = fx;
        this.notices = notices;
        running.addListener((o, a, n) -> busy.set(n.intValue() > 0));
    }

    /** Starts triage of the given hosts (those already triaging are skipped). Call on the FX thread. */
    public void triage(List<HostRow> hosts) {
        List<HostRow> todo = hosts.stream().filter(r -> !r.triagingProperty().get()).toList();
        if (todo.isEmpty()) {
            return;
        }
        if (running.get() == 0) {
            batchTotal.set(0);
            batchDone.set(0);
            batchReports.clear();
        }
        batchTotal.set(batchTotal.get() + todo.size());
        running.set(running.get() + todo.size());
        updateProgress();
        if (shown.get() == null) {
            shown.set(todo.get(0));
        }
        for (HostRow row : todo) {
            row.triagingProperty().set(true);
            row.progressProperty().set("queued");
            Optional<TriageReport> previous = row.report();
            work.execute(() -> {
                TriageReport report = runOne(row);
                fx.execute(() -> finished(row, previous, report));
            });
        }
    }

    private TriageReport runOne(HostRow row) {
        Instant start = Instant.now();
        try {
            fx.execute(() -> row.progressProperty().set("connecting"));
            TriageReport report = triager.triage(row.entry(), step -> fx.execute(() -> row.progressProperty().set(step)));
            ReportTables.precompute(report);
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(row, start, new HostFailure(HostFailure.Kind.CANCELLED, "The triage of " + row.name() + " was cancelled.", ""));
        } catch (RuntimeException e) {
            return failed(row, start, new HostFailure(HostFailure.Kind.PROTOCOL_ERROR,
                    "The triage of " + row.name() + " failed unexpectedly: " + e + ". Please report this with the details below.",
                    stackTrace(e)));
        }
    }

    private static TriageReport failed(HostRow row, Instant start, HostFailure failure) {
        return new TriageReport(row.name(), row.entry().connectTarget(), start, Duration.between(start, Instant.now()),
                Optional.of(failure), List.of(), List.of());
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    private void finished(HostRow row, Optional<TriageReport> previous, TriageReport report) {
        row.reportProperty().set(report);
        row.failureProperty().set(report.failure().map(HostFailure::message).orElse(null));
        row.progressProperty().set("");
        row.triagingProperty().set(false);
        running.set(running.get() - 1);
        batchDone.set(batchDone.get() + 1);
        batchReports.add(report);
        updateProgress();
        Set<String> before = previous.map(p -> p.findings().stream().map(TriageViewModel::key).collect(Collectors.toSet())).orElse(Set.of());
        report.findings().stream()
                .filter(f -> f.severity() == Severity.CRITICAL && !before.contains(key(f)))
                .forEach(f -> newCritical.add(row.name() + ": " + f.title()));
        reportListeners.forEach(l -> l.accept(report));
        if (running.get() == 0) {
            // one notification per batch, however many hosts: twenty popups would bury the window
            Notice summary = batchSummary();
            if (!newCritical.isEmpty()) {
                String text = summary.text() + "\nNew critical: " + String.join("; ", newCritical.subList(0, Math.min(6, newCritical.size())))
                        + (newCritical.size() > 6 ? " and " + (newCritical.size() - 6) + " more" : "");
                summary = Notice.critical(summary.title(), text);
            }
            notices.accept(summary);
            newCritical.clear();
        }
    }

    private Notice batchSummary() {
        long unreachable = batchReports.stream().filter(r -> !r.triaged()).count();
        long critical = batchReports.stream().flatMap(r -> r.findings().stream()).filter(f -> f.severity() == Severity.CRITICAL).count();
        long warnings = batchReports.stream().flatMap(r -> r.findings().stream()).filter(f -> f.severity() == Severity.WARNING).count();
        String text = batchReports.size() + " host(s) triaged" + (unreachable > 0 ? ", " + unreachable + " unreachable" : "")
                + ": " + critical + " critical finding(s), " + warnings + " warning(s).";
        Notice.Level level = critical > 0 ? Notice.Level.CRITICAL : unreachable > 0 || warnings > 0 ? Notice.Level.WARNING : Notice.Level.INFO;
        return new Notice(level, "Triage finished", text);
    }

    private static String key(Finding f) {
        return f.rule() + "|" + f.title();
    }

    private void updateProgress() {
        progress.set(batchTotal.get() == 0 ? 1 : (double) batchDone.get() / batchTotal.get());
    }

    /** Called on the FX thread with every report as it arrives (the incident journal records them). */
    public void onReport(Consumer<TriageReport> listener) {
        reportListeners.add(listener);
    }

    public IntegerProperty runningProperty() {
        return running;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public IntegerProperty batchTotalProperty() {
        return batchTotal;
    }

    public IntegerProperty batchDoneProperty() {
        return batchDone;
    }

    /** The host whose report the triage tab shows. */
    public ObjectProperty<HostRow> shownProperty() {
        return shown;
    }
}
