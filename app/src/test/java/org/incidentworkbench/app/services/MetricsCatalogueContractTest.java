package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.incidentworkbench.sample.SampleMetrics;
import org.incidentworkbench.timeseries.Metrics;
import org.junit.jupiter.api.Test;

/**
 * Contract E: every metric name the sampler writes is in the store's catalogue, so it gets its unit in
 * charts and its resolution (and compression) in the store. app is the one module that sees both.
 */
class MetricsCatalogueContractTest {

    @Test
    void everySampledMetricIsCatalogued() throws Exception {
        List<String> missing = new ArrayList<>();
        int names = 0;
        for (Field f : SampleMetrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String name = (String) f.get(null);
                if (name.contains(".")) {
                    names++;
                    if (Metrics.find(name).isEmpty()) {
                        missing.add(f.getName() + " = " + name);
                    }
                }
            }
        }
        assertTrue(names > 30, "found only " + names + " metric names in SampleMetrics");
        assertTrue(missing.isEmpty(), "sampled but not in timeseries.Metrics: " + missing);
    }
}
