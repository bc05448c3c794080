package org.incidentworkbench.sample.source;

/** Where a source's derived values go; the sampler stamps them with the host and the frame's time. */
public interface MetricOut {

    /** A host-wide value. */
    void add(String metric, double value);

    /** A value of one labelled series ({@code disk.util{device=sda}}). */
    void add(String metric, String label, String labelValue, double value);
}
