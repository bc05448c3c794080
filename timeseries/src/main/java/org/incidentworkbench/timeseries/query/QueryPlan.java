package org.incidentworkbench.timeseries.query;

/**
 * How a query over {@code [from, to)} at {@code maxPoints} is served: the bucket width and the tier.
 *
 * <p>The bucket width is the range divided by {@code maxPoints - 1}, rounded up to a whole number of the
 * tier's resolution, and buckets are aligned to multiples of it since the epoch (so a live chart's buckets do
 * not shift as it scrolls); that gives at most {@code maxPoints} buckets. The tier is the coarsest whose
 * resolution still fits in one bucket: reading it touches the fewest records while every bucket's avg, min,
 * max and count stay exact (a 7-day chart at 1000 points has 10-minute buckets and reads 1-minute rollups,
 * 10,080 records instead of ~120,000 points).
 *
 * @param stepMillis the bucket width
 * @param tier       the preferred tier; where it holds no data for part of the range (retention), the
 *                   store stitches in the next coarser tier, and memory always adds the newest points
 */
public record QueryPlan(long stepMillis, Tier tier) {

    public static QueryPlan of(long fromMillis, long toMillis, int maxPoints) {
        if (toMillis <= fromMillis) {
            throw new IllegalArgumentException("A query range must not be empty: from " + fromMillis + " is not before to "
                    + toMillis + ".");
        }
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be at least 1; got " + maxPoints + ".");
        }
        long range = toMillis - fromMillis;
        long step = maxPoints == 1 ? range * 2 : ceilDiv(range, maxPoints - 1);
        Tier tier = step >= Tier.HOUR.resolutionMillis() ? Tier.HOUR
                : step >= Tier.MINUTE.resolutionMillis() ? Tier.MINUTE : Tier.RAW;
        step = ceilDiv(step, tier.resolutionMillis()) * tier.resolutionMillis();
        return new QueryPlan(Math.max(1, step), tier);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
