package org.incidentworkbench.sample.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** Pairs per-device counters (disks, interfaces) of two frames into deltas, for the sources' rates. */
final class DeviceDeltas {

    private DeviceDeltas() {
    }

    /**
     * Calls {@code each} with a device's name and its counters' growth since {@code before}, for every device in
     * both readings. A device with any counter that went down (a driver reset, a 32-bit wrap) sits the step
     * out, as does a device that just appeared.
     */
    static <T> void forEach(List<T> before, List<T> now, Function<T, String> name, Function<T, long[]> counters,
                            BiConsumer<String, long[]> each) {
        Map<String, long[]> previous = new HashMap<>();
        before.forEach(d -> previous.put(name.apply(d), counters.apply(d)));
        for (T device : now) {
            long[] was = previous.get(name.apply(device));
            if (was == null) {
                continue;
            }
            long[] is = counters.apply(device);
            long[] delta = new long[is.length];
            boolean reset = false;
            for (int i = 0; i < is.length; i++) {
                delta[i] = is[i] - was[i];
                reset |= delta[i] < 0;
            }
            if (!reset) {
                each.accept(name.apply(device), delta);
            }
        }
    }
}
