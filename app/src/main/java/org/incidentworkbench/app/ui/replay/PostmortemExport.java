package org.incidentworkbench.app.ui.replay;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.incidentworkbench.app.model.JournalLine;
import org.incidentworkbench.app.ui.metrics.ChartAxis;
import org.incidentworkbench.app.ui.metrics.ChartMarker;
import org.incidentworkbench.app.ui.metrics.ChartSeries;
import org.incidentworkbench.app.ui.metrics.ChartStyle;
import org.incidentworkbench.app.ui.metrics.ChartWithLegend;
import org.incidentworkbench.app.ui.metrics.TimeRange;
import org.incidentworkbench.app.ui.metrics.TimeSeriesCanvas;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.export.PostmortemExporter;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.journal.RedactionList;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.sample.SampleMetrics;

/**
 * Writes a bundle's postmortem from the window: the playbooks' Markdown (SRE template, redaction on)
 * as {@code postmortem.md}, and beside it {@code charts/METRIC.png} for every metric the responders
 * charted during the incident (every recorded metric when they charted none), drawn by the same canvas as the window (all hosts overlaid, the incident's events as
 * markers whose labels never overlap, the legend with each host's last, min, max and mean), linked
 * from a "Charts" section. Charts are drawn on the FX thread, files written on the calling thread;
 * call it off the FX thread.
 */
public final class PostmortemExport {

    /** What was written. */
    public record Written(Path markdown, List<Path> charts) {
    }

    private PostmortemExport() {
    }

    public static Written write(IncidentBundle bundle, Path dir) throws IOException {
        return write(bundle, dir, List.of());
    }

    /** As {@link #write(IncidentBundle, Path)}, also hiding {@code marked} texts (marked "redact this" in the window). */
    public static Written write(IncidentBundle bundle, Path dir, List<String> marked) throws IOException {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("The postmortem is written off the FX thread; it waits for charts drawn there.");
        }
        Files.createDirectories(dir.resolve("charts"));
        List<JournalEvent> events = RedactionList.without(bundle.events());
        // the charts' event labels are text that leaves the laptop too, so they pass the same redactor
        Redactor redactor = Redactor.standard().withMarked(marked).withMarked(RedactionList.of(bundle.events()));
        String markdown = PostmortemExporter.toMarkdown(bundle.events(), redactor);
        Map<String, List<ChartSeries>> byMetric = new LinkedHashMap<>();
        // the charts the responders looked at tell the story; the other sampled metrics stay in the bundle
        java.util.Set<String> viewed = viewedMetrics(events);
        for (MetricSlice s : bundle.metrics()) {
            if (!viewed.isEmpty() && !viewed.contains(s.metric())) {
                continue;
            }
            String label = s.host() + (s.labels().isEmpty() ? "" : " " + s.labels().toString().replaceAll("[{}]", ""));
            byMetric.computeIfAbsent(s.metric(), m -> new ArrayList<>()).add(ChartSeries.of(label, s.timestampsMillis(), s.values()));
        }
        List<ChartMarker> markers = events.stream().filter(e -> !(e instanceof JournalEvent.ChartViewed))
                .map(e -> new ChartMarker(e.time().toEpochMilli(), redactor.redact(JournalLine.summary(e)))).toList();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (List<ChartSeries> list : byMetric.values()) {
            for (ChartSeries c : list) {
                if (!c.isEmpty()) {
                    from = Math.min(from, c.firstTime());
                    to = Math.max(to, c.lastTime());
                }
            }
        }
        for (JournalEvent e : events) {
            from = Math.min(from, e.time().toEpochMilli());
            to = Math.max(to, e.time().toEpochMilli());
        }
        StringBuilder section = new StringBuilder("\n## Charts\n\n");
        List<Path> charts = new ArrayList<>();
        if (byMetric.isEmpty()) {
            section.append("The bundle holds no metrics (no host was sampled during the incident).\n");
        }
        TimeRange range = from < to ? new TimeRange(from, to) : new TimeRange(from, from + 60_000);
        for (Map.Entry<String, List<ChartSeries>> e : byMetric.entrySet()) {
            BufferedImage img = render(e.getKey(), e.getValue(), markers, range);
            Path png = dir.resolve("charts").resolve(e.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            ImageIO.write(img, "png", png.toFile());
            charts.add(png);
            section.append("![").append(e.getKey()).append("](charts/").append(png.getFileName()).append(")\n\n");
        }
        Path md = dir.resolve("postmortem.md");
        Files.writeString(md, markdown + section);
        return new Written(md, charts);
    }

    /** The metrics of the charts viewed during the incident, in the order first viewed. */
    static java.util.Set<String> viewedMetrics(List<JournalEvent> events) {
        java.util.Set<String> viewed = new java.util.LinkedHashSet<>();
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.ChartViewed c) {
                viewed.add(c.metric());
            }
        }
        return viewed;
    }

    private static BufferedImage render(String metric, List<ChartSeries> series, List<ChartMarker> markers, TimeRange range)
            throws IOException {
        CompletableFuture<WritableImage> shot = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                TimeSeriesCanvas c = new TimeSeriesCanvas(new ChartAxis(range), ChartStyle.LIGHT);
                c.setPrefSize(1000, 320);
                c.setTitle(metric);
                c.setUnit(SampleMetrics.unit(metric));
                c.setSeries(series);
                c.setMarkers(markers);
                // the chart with its legend, laid out in a scene of its own (the legend's labels need CSS)
                ChartWithLegend box = new ChartWithLegend(c);
                box.setStyle("-fx-background-color: white;");
                box.legend().setStyle("-fx-background: white; -fx-background-color: white;");
                new Scene(box);
                box.applyCss();
                box.layout();
                box.legend().applyNow();
                box.applyCss();
                box.layout();
                shot.complete(box.snapshot(null, null));
            } catch (RuntimeException ex) {
                shot.completeExceptionally(ex);
            }
        });
        try {
            return SwingFXUtils.fromFXImage(shot.get(), null);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while drawing the chart of " + metric + ".", ex);
        } catch (ExecutionException ex) {
            throw new IOException("The chart of " + metric + " could not be drawn: " + ex.getCause(), ex);
        }
    }
}
