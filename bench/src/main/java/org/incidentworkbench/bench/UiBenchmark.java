package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.cli.UsageException;
import org.incidentworkbench.app.ui.BareWindow;
import org.incidentworkbench.app.ui.Display;
import org.incidentworkbench.app.ui.WorkbenchApp;
import org.incidentworkbench.app.ui.metrics.ChartSeries;
import org.incidentworkbench.app.ui.metrics.PanFrames;
import org.incidentworkbench.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench bench ui}: (1) launch to interactive: the time from JVM start until the first frame
 * of the shown workbench window has been drawn, in fresh child JVMs (median of N), beside a bare JavaFX window
 * launched the same way; (2) frame time while panning 20 series × 7 days at 10 s resolution
 * (60,480 points each, synthetic, with gaps) on the window's chart: the chart's own drawing time per
 * frame and the pulse-to-pulse frame time, with 7 days and 1 day visible, beside a baseline that
 * draws a segment to every point. The launches also run the workbench with the class-data-sharing
 * archive next to the product jar when {@code ./workbench} has written one, and, with {@code --launcher},
 * an installed launcher beside its runtime's {@code java} on the same jar without the archive; all kinds
 * interleave run by run. Targets: ≤ 1 s to interactive (issue 11), ≤ 16 ms per frame. Needs a display
 * (reruns itself under xvfb-run when there is none and it is installed).
 */
@Command(name = "ui", sortOptions = false,
        description = "window launch to interactive, and frame time panning 20 series x 7 days at 10 s",
        footer = {"", "Measures the window's launch to interactive (N fresh JVMs, median; baseline: a bare JavaFX window)",
                "and frame time while panning 20 series x 7 days at 10 s (baseline: drawing every point).",
                "Needs a display; without one it reruns itself under xvfb-run (apt-get install xvfb)."})
final class UiBenchmark extends CliCommand {

    static final int SERIES = 20;
    static final long STEP_MILLIS = 10_000;
    static final int POINTS = (int) (7 * 86_400_000L / STEP_MILLIS);

    @Option(names = "--launches", paramLabel = "N", description = "fresh JVMs per window kind (default ${DEFAULT-VALUE})")
    private int launches = 5;
    @Option(names = "--frames", paramLabel = "N", description = "frames per panned view (default ${DEFAULT-VALUE})")
    private int frames = 120;
    @Option(names = "--launcher", paramLabel = "PATH", description = "also launch this installed launcher (e.g. /usr/bin/workbench),"
            + " beside its own runtime's java without the class-data-sharing archive")
    private Path launcher;
    @Option(names = "--launch-only", description = "measure the launches only, not the panning")
    private boolean launchOnly;
    @Option(names = "--retriage-hosts", paramLabel = "N", description = "sshd on loopback for the cold and warm re-triage,"
            + " 0 to skip it (default ${DEFAULT-VALUE})")
    private int retriageHosts = 20;
    @Option(names = "--retriage-repeat", paramLabel = "R", description = "cold and warm re-triages timed (default ${DEFAULT-VALUE})")
    private int retriageRepeat = 5;
    @Option(names = "--retriage-only", description = "measure the cold and warm re-triage only")
    private boolean retriageOnly;
    @Option(names = "--shared-pids", description = "run the re-triage's sshd in this machine's PID namespace, so that every"
            + " host's ps, top and ss -p read all the machine's processes (the other hosts' too); by default each sshd has a"
            + " PID namespace of its own where this machine allows it (root), as each real server has its own processes")
    private boolean sharedPids;

    @Override
    public Integer call() throws Exception {
        if (launches < 1 || frames < 1) {
            throw new UsageException("--launches and --frames take a positive number.");
        }
        if (!Display.available()) {
            if (!Display.xvfbRunInstalled()) {
                err.println("workbench bench ui: " + Display.missing("The UI benchmark"));
                return Cli.FAILED;
            }
            List<String> again = new ArrayList<>(List.of("bench", "ui", "--launches", String.valueOf(launches), "--frames",
                    String.valueOf(frames)));
            if (launcher != null) {
                again.addAll(List.of("--launcher", launcher.toString()));
            }
            if (launchOnly) {
                again.add("--launch-only");
            }
            again.addAll(List.of("--retriage-hosts", String.valueOf(retriageHosts), "--retriage-repeat", String.valueOf(retriageRepeat)));
            if (retriageOnly) {
                again.add("--retriage-only");
            }
            if (sharedPids) {
                again.add("--shared-pids");
            }
            return Display.rerunUnderXvfb(again, err);
        }
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw new UsageException("--launcher " + launcher + " is not an executable file; give an installed launcher such as"
                    + " /usr/bin/workbench or an app image's bin/incident-workbench.");
        }
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("benchmark", "ui");
        doc.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + (System.getenv("DISPLAY") != null ? ", DISPLAY " + System.getenv("DISPLAY") : ""));
        doc.put("load_average_at_start", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (retriageHosts < 0 || retriageHosts > 250 || retriageRepeat < 1) {
            throw new UsageException("--retriage-hosts takes 0 to 250 and --retriage-repeat a positive number.");
        }
        if (retriageOnly) {
            RetriageBenchmark.measure(doc, Math.max(1, retriageHosts), retriageRepeat, !sharedPids, err);
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return Cli.OK;
        }
        Path tmp = Files.createTempDirectory("workbench-bench-ui");
        ObjectNode launch = doc.putObject("launch_to_interactive");
        List<Launch> kinds = launchKinds(tmp, launch);
        err.println("launch to interactive: " + launches + " runs of " + kinds.stream().map(Launch::name).toList() + ", interleaved...");
        double[][] jvm = new double[kinds.size()][launches];
        double[][] wall = new double[kinds.size()][launches];
        for (int i = 0; i < launches; i++) {
            StringBuilder line = new StringBuilder("  run " + (i + 1) + ":");
            for (int k = 0; k < kinds.size(); k++) {
                double[] m = launchMillis(kinds.get(k));
                jvm[k][i] = m[0];
                wall[k][i] = m[1];
                line.append(String.format(" %s %.0f ms (%.0f ms from spawn);", kinds.get(k).name(), m[0], m[1]));
            }
            err.println(line);
        }
        launch.put("what", "JVM start to the end of the drawing of the shown window's first frame (the render thread has painted"
                + " and presented it; fresh JVM each run; the workbench's toolbar, host list, tabs and journal built; the store"
                + " opens later, on first use); *_spawn_median_ms: from the parent starting the process (launcher and JVM creation"
                + " included)");
        launch.put("runs", launches);
        for (int k = 0; k < kinds.size(); k++) {
            launch.put(kinds.get(k).name() + "_median_ms", median(jvm[k]));
            launch.put(kinds.get(k).name() + "_spawn_median_ms", round(median(wall[k])));
        }
        launch.put("target_ms", 1000);
        launch.put("workbench_over_bare_ms", median(jvm[0]) - median(jvm[1]));
        if (retriageHosts > 0) {
            err.println("re-triage of " + retriageHosts + " hosts, cold and warm...");
            RetriageBenchmark.measure(doc, retriageHosts, retriageRepeat, !sharedPids, err);
        }
        if (launchOnly) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            return Cli.OK;
        }

        err.println("panning: " + SERIES + " series x " + POINTS + " points, " + frames + " frames per view...");
        PanFrames.startToolkit();
        ChartSeries[] data = synthetic();
        ObjectNode pan = doc.putObject("pan_frame_time");
        pan.put("data", SERIES + " series x 7 days at 10 s = " + POINTS + " points each (" + (SERIES * (long) POINTS)
                + " in all), synthetic load-like curves with a 20-minute gap per series, through ChartSeries into the window's"
                + " TimeSeriesCanvas (1200 x 500 px)");
        pan.put("frames_per_view", frames);
        ArrayNode views = pan.putArray("views");
        for (long visibleDays : new long[] {7, 1}) {
            ObjectNode v = views.addObject();
            v.put("visible", visibleDays + " d");
            FrameFigures ours = panFrames(data, visibleDays, frames, true);
            FrameFigures naive = panFrames(data, visibleDays, frames, false);
            v.put("draw_median_ms", round(ours.drawMedian));
            v.put("draw_p95_ms", round(ours.drawP95));
            v.put("frame_median_ms", round(ours.frameMedian));
            v.put("frame_p95_ms", round(ours.frameP95));
            v.put("baseline_every_point_draw_median_ms", round(naive.drawMedian));
            v.put("baseline_every_point_frame_median_ms", round(naive.frameMedian));
            // the baseline's own drawing only records commands; its cost shows in the frame (rasterising every segment)
            v.put("speedup_frame", round(naive.frameMedian / Math.max(0.001, ours.frameMedian)));
            err.printf("  %d d visible: draw %.2f ms (baseline %.2f ms), frame %.2f ms (baseline %.2f ms)%n", visibleDays,
                    ours.drawMedian, naive.drawMedian, ours.frameMedian, naive.frameMedian);
        }
        // the same 7 days as the metrics view loads them: written to a store, queried at 3 buckets per pixel
        err.println("  writing the data to a temporary store and querying it as the metrics view does...");
        ObjectNode v = views.addObject();
        v.put("visible", "7 d, from the store");
        ChartSeries[] fromStore = throughStore(data, tmp.resolve("bench.mv.db"));
        v.put("points_per_series_after_query", fromStore[0].size());
        FrameFigures ours = panFrames(fromStore, 7, frames, true);
        v.put("draw_median_ms", round(ours.drawMedian));
        v.put("draw_p95_ms", round(ours.drawP95));
        v.put("frame_median_ms", round(ours.frameMedian));
        v.put("frame_p95_ms", round(ours.frameP95));
        err.printf("  7 d from the store (%d points per series): draw %.2f ms, frame %.2f ms%n", fromStore[0].size(),
                ours.drawMedian, ours.frameMedian);
        pan.put("target_frame_ms", 16);
        pan.put("note", "frame = pulse to pulse while an AnimationTimer pans 1 % per frame (includes layout and rendering;"
                + " JavaFX caps pulses at 60 per second, so 16.7 ms is the floor); draw = the chart's own drawing per frame");
        PanFrames.stopToolkit();
        out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        return Cli.OK;
    }

    /** One kind of window launch: a name for the JSON, the command, and the environment it adds. */
    record Launch(String name, List<String> command, Map<String, String> env) {
    }

    /**
     * The windows launched, the workbench first and the bare JavaFX window second (the same-run baselines):
     * the workbench with the class-data-sharing archive next to the product jar when there is one
     * ({@code ./workbench} writes it), and with {@code --launcher} that launcher beside its own runtime's
     * {@code java} on the same jar without the archive.
     */
    private List<Launch> launchKinds(Path tmp, ObjectNode launch) throws IOException {
        List<String> props = List.of("-D" + WorkbenchApp.BENCH_INTERACTIVE + "=true",
                "-Dworkbench.configDir=" + tmp.resolve("config"), "-Dworkbench.dataDir=" + tmp.resolve("data"));
        String classPath = System.getProperty("java.class.path");
        List<Launch> kinds = new ArrayList<>();
        kinds.add(java("workbench", Display.javaBin(), List.of(), props, classPath, "org.incidentworkbench.app.Launcher"));
        kinds.add(java("baseline_bare_javafx", Display.javaBin(), List.of(), props, classPath, BareWindow.Main.class.getName()));
        Optional<Path> archive = Arrays.stream(classPath.split(java.io.File.pathSeparator)).map(Path::of)
                .filter(j -> j.getFileName().toString().equals("workbench.jar")).findFirst()
                .map(j -> j.resolveSibling("workbench.jsa")).filter(Files::isRegularFile);
        if (archive.isPresent()) {
            launch.put("cds_archive", archive.get().toString());
            kinds.add(java("workbench_cds", Display.javaBin(), List.of("-XX:SharedArchiveFile=" + archive.get(), "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"), props, classPath, "org.incidentworkbench.app.Launcher"));
        } else {
            launch.put("cds_archive", "none next to the product jar (./workbench writes app/target/workbench.jsa)");
        }
        if (launcher != null) {
            // an app image: bin/incident-workbench, lib/app/workbench.jar, lib/runtime/bin/java
            Path app = launcher.toRealPath().getParent().getParent();
            launch.put("launcher", launcher.toString());
            kinds.add(new Launch("launcher", List.of(launcher.toString()), Map.of("JAVA_TOOL_OPTIONS", String.join(" ", props))));
            Path runtimeJava = app.resolve("lib/runtime/bin/java");
            if (Files.isExecutable(runtimeJava)) {
                kinds.add(java("launcher_runtime_without_archive", runtimeJava.toString(), List.of(), props,
                        app.resolve("lib/app/workbench.jar").toString(), "org.incidentworkbench.app.Launcher"));
            }
        }
        return kinds;
    }

    private static Launch java(String name, String java, List<String> options, List<String> props, String classPath, String main) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(options);
        cmd.addAll(props);
        cmd.addAll(List.of("-cp", classPath, main));
        return new Launch(name, cmd, Map.of());
    }

    /** {JVM start to first frame, process spawn to first frame} in milliseconds. */
    private static double[] launchMillis(Launch kind) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(kind.command()).redirectErrorStream(true);
        pb.environment().putAll(kind.env());
        long spawn = System.nanoTime();
        Process p = pb.start();
        double ms = Double.NaN;
        double wall = Double.NaN;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("INTERACTIVE_MS=")) {
                    wall = (System.nanoTime() - spawn) / 1e6;
                    ms = Double.parseDouble(line.substring("INTERACTIVE_MS=".length()));
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        if (Double.isNaN(ms)) {
            throw new IOException("The window " + kind.command() + " did not report being interactive; its output was:\n" + all);
        }
        return new double[] {ms, wall};
    }

    private static ChartSeries[] synthetic() {
        long start = System.currentTimeMillis() - 7 * 86_400_000L;
        Random rnd = new Random(42);
        ChartSeries[] out = new ChartSeries[SERIES];
        for (int s = 0; s < SERIES; s++) {
            long[] t = new long[POINTS];
            double[] v = new double[POINTS];
            double level = 20 + 3 * s;
            int gapAt = rnd.nextInt(POINTS - 200);
            for (int i = 0; i < POINTS; i++) {
                t[i] = start + i * STEP_MILLIS;
                double day = Math.sin(2 * Math.PI * i / 8640.0);
                level += rnd.nextGaussian() * 0.3 - (level - 20 - 3 * s) * 0.01;
                v[i] = i >= gapAt && i < gapAt + 120 ? Double.NaN : Math.max(0, level + 15 * day + rnd.nextGaussian() * 2);
            }
            out[s] = ChartSeries.of("host-" + (s + 1), t, v);
        }
        return out;
    }

    /** What one pan run measured, in milliseconds. */
    record FrameFigures(double drawMedian, double drawP95, double frameMedian, double frameP95) {
    }

    private static FrameFigures panFrames(ChartSeries[] data, long visibleDays, int frames, boolean decimate) throws Exception {
        PanFrames.Samples p = PanFrames.pan(Arrays.asList(data), visibleDays, frames, decimate);
        return new FrameFigures(quantile(p.drawMillis(), 0.5), quantile(p.drawMillis(), 0.95), quantile(p.frameMillis(), 0.5),
                quantile(p.frameMillis(), 0.95));
    }

    /** Writes the series to a store and reads them back as the metrics view does (3 buckets per pixel, 3 spans wide). */
    private static ChartSeries[] throughStore(ChartSeries[] data, Path file) {
        try (org.incidentworkbench.timeseries.TimeSeriesStore store = org.incidentworkbench.app.services.MetricStores.open(file)) {
            for (int s = 0; s < data.length; s++) {
                List<org.incidentworkbench.timeseries.Sample> batch = new ArrayList<>(data[s].size());
                org.incidentworkbench.timeseries.SeriesKey key = org.incidentworkbench.timeseries.SeriesKey.of(data[s].label(),
                        org.incidentworkbench.sample.SampleMetrics.CPU_USER);
                for (int i = 0; i < data[s].size(); i++) {
                    batch.add(new org.incidentworkbench.timeseries.Sample(key, data[s].time(i), data[s].value(i)));
                }
                store.appendAll(batch);
            }
            store.flush();
            long span = 7 * 86_400_000L;
            long to = data[0].lastTime() + 1;
            List<org.incidentworkbench.timeseries.SeriesData> result = store.query(
                    org.incidentworkbench.timeseries.Selector.of(org.incidentworkbench.sample.SampleMetrics.CPU_USER, "host-*"),
                    to - 3 * span, to, 3 * 1200).series();
            return result.stream().map(org.incidentworkbench.app.ui.metrics.MetricsViewModel::toChart).toArray(ChartSeries[]::new);
        }
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.floor(q * (s.length - 1) + 0.5))];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
