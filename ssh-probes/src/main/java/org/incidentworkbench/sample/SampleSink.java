package org.incidentworkbench.sample;

import java.util.List;

/**
 * Where the {@link Sampler} delivers its points: app's {@code SamplingService} appends them to the
 * store with its batch API. Called from the sampler's scheduler thread, one batch per poll (all the
 * frames that arrived from every host since the last poll), so an implementation must be quick or
 * hand the batch on; an exception it throws is reported in the hosts' status and the batch is lost.
 */
@FunctionalInterface
public interface SampleSink {

    void accept(List<MetricSample> batch);
}
