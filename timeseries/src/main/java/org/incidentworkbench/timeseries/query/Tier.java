package org.incidentworkbench.timeseries.query;

/** The resolutions a query can be served from, finest first. */
public enum Tier {
    /** Full resolution: the hot tier in memory and the compressed chunks. */
    RAW("raw", 1),
    /** 1-minute rollups. */
    MINUTE("1m", 60_000),
    /** 1-hour rollups. */
    HOUR("1h", 3_600_000);

    private final String label;
    private final long resolutionMillis;

    Tier(String label, long resolutionMillis) {
        this.label = label;
        this.resolutionMillis = resolutionMillis;
    }

    public String label() {
        return label;
    }

    public long resolutionMillis() {
        return resolutionMillis;
    }
}
