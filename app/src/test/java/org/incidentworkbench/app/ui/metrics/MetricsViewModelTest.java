package org.incidentworkbench.app.ui.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.Sample;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics view-model against a real store file, without a stage, with direct executors. */
class MetricsViewModelTest {

    private static final long NOW = 1_700_000_000_000L;
    private Path dir;
    private StoreHolder holder;

    @BeforeEach
    void fill() throws Exception {
        dir = Files.createTempDirectory("metrics-vm");
        holder = new StoreHolder(dir.resolve("m.mv.db"));
        TimeSeriesStore store = holder.get().store();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long t = NOW - 600_000 + i * 1000L;
            samples.add(new Sample(SeriesKey.of("web-1", SampleMetrics.CPU_USER), t, 10 + (i % 7)));
            // /var on web-1 fills at 3 % a minute: full some ten minutes after NOW
            samples.add(new Sample(SeriesKey.of("web-1", SampleMetrics.FS_USED_PCT, "mount", "/var"), t, 50 + i * 0.05));
            // web-2 stopped reporting for a minute, and the sampler marked the break with a NaN
            if (i == 300) {
                samples.add(new Sample(SeriesKey.of("web-2", SampleMetrics.CPU_USER), t, Double.NaN));
            } else if (i < 300 || i > 360) {
                samples.add(new Sample(SeriesKey.of("web-2", SampleMetrics.CPU_USER), t, 80));
            }
        }
        store.appendAll(samples);
    }

    @AfterEach
    void close() throws Exception {
        holder.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private MetricsViewModel vm() {
        MetricsViewModel vm = new MetricsViewModel(holder, Runnable::run, Runnable::run, () -> NOW);
        vm.presetProperty().set(RangePreset.LIVE_15M);
        return vm;
    }

    @Test
    void overlaysOneMetricOfTwoHostsOnOneChartWithTheGapKept() {
        MetricsViewModel vm = vm();
        vm.hosts().setAll("web-1", "web-2");
        assertEquals(1, vm.panels().size());
        ChartPanel panel = vm.panels().get(0);
        assertEquals("%", panel.unit());
        assertEquals(List.of("web-1", "web-2"), panel.series().stream().map(ChartSeries::label).toList());
        ChartSeries web2 = panel.series().get(1);
        assertEquals(80, web2.valueAt(NOW - 500_000), 1e-9);
        assertTrue(Double.isNaN(web2.valueAt(NOW - 270_000)), "inside the break there is no value, not an interpolation");
        assertTrue(vm.statusProperty().get().startsWith("2 series"), vm.statusProperty().get());
    }

    @Test
    void aPrometheusSeriesOverlaysTheSampledOneOfItsHostAndTheLegendSaysWhichIsWhich() {
        // what 'history prom' stores for web-1 (HistoryPromTest loads it from a real Prometheus): source=prom, 15 s steps
        List<Sample> prom = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            prom.add(new Sample(SeriesKey.of("web-1", SampleMetrics.CPU_USER, "source", "prom"), NOW - 600_000 + i * 15_000L, 12));
        }
        holder.get().store().appendAll(prom);
        MetricsViewModel vm = vm();
        vm.hosts().setAll("web-1");
        List<ChartSeries> series = vm.panels().get(0).series();
        assertEquals(List.of("web-1", "web-1 source=prom"), series.stream().map(ChartSeries::label).toList());
        assertEquals(List.of("sampled, 1 s step", "prom, 15 s step"), series.stream().map(ChartSeries::source).toList());
        assertEquals(12, series.get(1).valueAt(NOW - 300_000), 1e-9);
    }

    @Test
    void smallMultiplesGiveAChartPerHostOnTheSameAxis() {
        MetricsViewModel vm = vm();
        vm.overlayProperty().set(false);
        assertEquals(List.of("web-1 / cpu.user", "web-2 / cpu.user"), vm.panels().stream().map(ChartPanel::title).toList());
        TimeRange before = vm.axis().range();
        vm.axis().userSet(before.zoom(0.5, NOW - 60_000));
        assertTrue(!vm.axis().liveProperty().get(), "a zoom stops following now");
        vm.resetRange();
        assertEquals(before, vm.axis().range());
        assertTrue(vm.axis().liveProperty().get());
    }

    @Test
    void aFillingFilesystemIsForecastAheadOfNowWithItsInterval() {
        MetricsViewModel vm = vm();
        vm.metricProperty().set(SampleMetrics.FS_USED_PCT);
        ChartPanel panel = vm.panels().get(0);
        assertEquals(1, panel.forecasts().size(), vm.statusProperty().get());
        ChartForecast f = panel.forecasts().get(0);
        assertTrue(f.crossMillis() > NOW && f.crossMillis() < NOW + 30 * 60_000, "crossing " + (f.crossMillis() - NOW) + " ms after now");
        assertTrue(f.earliestMillis() <= f.crossMillis() && f.crossMillis() <= f.latestMillis());
        assertEquals(100, f.threshold(), 1e-9);
        assertTrue(f.label().startsWith("web-1 mount=/var full in"), f.label());
        assertTrue(vm.statusProperty().get().contains("forecast: web-1 mount=/var full in"), vm.statusProperty().get());
    }

    @Test
    void memoryRunningOutAndSwapFillingAreForecastTowardsTheirOwnLimits() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long t = NOW - 600_000 + i * 1000L;
            // 8 GiB available 10 minutes before NOW, losing 10 MiB a second: gone 819 s after that, 219 s after NOW
            samples.add(new Sample(SeriesKey.of("db-1", SampleMetrics.MEMORY_AVAILABLE), t, 8.0 * (1L << 30) - i * 10.0 * (1 << 20)));
            // 2 GiB of swap, 1 GiB used and filling 1 MiB a second: full 1024 s after the start, 424 s after NOW
            samples.add(new Sample(SeriesKey.of("db-1", SampleMetrics.SWAP_TOTAL), t, 2.0 * (1L << 30)));
            samples.add(new Sample(SeriesKey.of("db-1", SampleMetrics.SWAP_USED), t, (1L << 30) + i * (double) (1 << 20)));
        }
        holder.get().store().appendAll(samples);
        MetricsViewModel vm = vm();
        vm.metricProperty().set(SampleMetrics.MEMORY_AVAILABLE);
        ChartForecast mem = vm.panels().get(0).forecasts().get(0);
        assertEquals(0, mem.threshold(), 1e-9);
        assertEquals("db-1 runs out in 3 min", mem.label());
        assertEquals(NOW + 219_200, mem.crossMillis(), 5_000);
        vm.metricProperty().set(SampleMetrics.SWAP_USED);
        ChartForecast swap = vm.panels().get(0).forecasts().get(0);
        assertEquals(2.0 * (1L << 30), swap.threshold(), 1e-3);
        assertEquals("db-1 full in 7 min", swap.label());
        assertEquals(NOW + 424_000, swap.crossMillis(), 5_000);
    }

    @Test
    void anEmptySelectionSaysWhatToDo() {
        MetricsViewModel vm = vm();
        vm.metricProperty().set(SampleMetrics.DISK_UTIL);
        assertTrue(vm.statusProperty().get().startsWith("No data for disk.util yet"), vm.statusProperty().get());
    }
}
