package org.incidentworkbench.timeseries.store;

import java.nio.file.Path;
import org.incidentworkbench.timeseries.SeriesKey;
import org.incidentworkbench.timeseries.StoreConfig;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * Child process of {@link CrashSafetyTest}: appends one point per millisecond (timestamp = wall clock,
 * value = sequence number) until it is killed, printing "appended N" now and then.
 */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        SeriesKey key = SeriesKey.of("crash-host", "test.sequence");
        TimeSeriesStore store = TimeSeriesStore.open(Path.of(args[0]), StoreConfig.defaults());
        System.out.println("opened");
        System.out.flush();
        long i = 0;
        long last = System.currentTimeMillis();
        while (true) {
            long now = System.currentTimeMillis();
            if (now == last) {
                Thread.onSpinWait();
                continue;
            }
            last = now;
            store.append(key, now, i);
            if (i % 200 == 0) {
                System.out.println("appended " + i);
                System.out.flush();
            }
            i++;
        }
    }
}
