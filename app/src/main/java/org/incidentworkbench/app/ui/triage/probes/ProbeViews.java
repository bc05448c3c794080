package org.incidentworkbench.app.ui.triage.probes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import org.incidentworkbench.app.model.probes.ProcessList;
import org.incidentworkbench.probe.Probe;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;

/**
 * The one place that says which purpose-built view shows which probe: a probe's view is one class
 * plus one {@link #register} line below. The Triage tab shows a probe's view first, then the generic
 * tables of every field and the raw text; a probe without a view (or whose result did not parse) gets
 * only those. Views are built on the FX thread from the typed record ({@code report.get(Probes.PS)}'s
 * type), so they need no cast.
 */
public final class ProbeViews {

    /** Builds the view of one probe's record; {@code result} carries the probe's notes and raw text. */
    @FunctionalInterface
    public interface Factory<T> {
        Node create(T data, ProbeResult.Parsed result);
    }

    /** A registered view: its tab title and how to build it. */
    private record Registered<T>(Probe<T> probe, String title, Factory<T> factory) {
        Optional<Node> build(ProbeResult r) {
            if (r instanceof ProbeResult.Parsed p) {
                return r.data(probe.type()).map(d -> styled(factory.create(d, p)));
            }
            return Optional.empty();
        }
    }

    private static final Map<String, Registered<?>> VIEWS = new LinkedHashMap<>();

    static {
        // one line per probe view, in any order
        register(Probes.PS, "top consumers", (ps, r) -> new ProcessTable(ProcessList.of(ps), true,
                "%CPU is ps's average over each process's lifetime; the top tab has the last second's."));
        register(Probes.DF, "use", (df, r) -> new DfView(df));
        register(Probes.SS, "states and groups", (ss, r) -> new SsView(ss));
        register(Probes.LOGS, "by pattern", (logs, r) -> new LogsView(logs));
        register(Probes.IOSTAT, "devices", (io, r) -> new IostatView(io));
        register(Probes.TOP, "CPU, memory, processes", (top, r) -> new TopView(top));
        register(Probes.IP, "interfaces and routes", (ip, r) -> new IpView(ip));
        register(Probes.W, "who", (w, r) -> SummaryLineView.of(w));
        register(Probes.UPTIME, "load", (u, r) -> SummaryLineView.of(u));
        register(Probes.KERNEL, "checklist", (k, r) -> new KernelView(k));
        register(Probes.SYSTEMD, "failed units", (s, r) -> new SystemdView(s));
    }

    private ProbeViews() {
    }

    private static <T> void register(Probe<T> probe, String title, Factory<T> factory) {
        if (VIEWS.put(probe.name(), new Registered<>(probe, title, factory)) != null) {
            throw new IllegalStateException("Two views are registered for the probe " + probe.name() + ".");
        }
    }

    /** Whether {@code probe} has a purpose-built view. */
    public static boolean has(String probe) {
        return VIEWS.containsKey(probe);
    }

    /** The tab title of the probe's view ("top consumers"), when it has one. */
    public static Optional<String> title(String probe) {
        return Optional.ofNullable(VIEWS.get(probe)).map(Registered::title);
    }

    /** The probe's view of this result, or empty when it has none or the result holds no parsed record of its type. */
    public static Optional<Node> view(ProbeResult result) {
        Registered<?> v = VIEWS.get(result.probe());
        return v == null ? Optional.empty() : v.build(result);
    }

    /** Every view carries the views' stylesheet, which colours only with the theme's looked-up colours (-iw-*). */
    static Node styled(Node n) {
        if (n instanceof Region r) {
            r.getStylesheets().add(ProbeViews.class.getResource("probe-views.css").toExternalForm());
            r.getStyleClass().add("probe-view");
        }
        return n;
    }
}
