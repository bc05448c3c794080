package org.incidentworkbench.timeseries.codec;

import java.util.Arrays;

/**
 * Codes a run of unsigned integers (zigzagged deltas) with bit widths chosen for that run. Every value
 * falls in one of four classes: zero, up to {@code w1} bits, up to {@code w2} bits, or an escape that
 * spells its own length. The encoder counts the values' bit lengths once, tries every pair of widths and
 * keeps the cheapest, then gives the most frequent class the shortest prefix. Gorilla fixed its buckets
 * (7, 9, 12, 32 bits for second-resolution timestamps); a sampler's data varies too much between series
 * for one fixed choice: a disk that is idle is all zeros, a busy NIC's byte rate needs 20 bits.
 *
 * <pre>
 *   header:  w1 (7 bits; 0 means every value is zero and nothing follows) | w2 (7 bits) | rank of each class zero,w1,w2,escape (4 x 2 bits)
 *   value:   prefix by rank: 0 | 10 | 110 | 111, then 0, w1, w2 bits, or for the escape 7 bits length + bits
 * </pre>
 */
final class BucketCode {

    private static final int ZERO = 0;
    private static final int SMALL = 1;
    private static final int LARGE = 2;
    private static final int ESCAPE = 3;

    /** Rank and length of the prefix code 0 | 10 | 110 | 111 found in the next three bits. */
    private static final int[] PREFIX_RANK = {0, 0, 0, 0, 1, 1, 2, 3};
    private static final int[] PREFIX_LENGTH = {1, 1, 1, 1, 2, 2, 3, 3};

    private BucketCode() {
    }

    static int bitLength(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }

    static void encode(BitWriter w, long[] values, int from, int to) {
        int n = to - from;
        long[] hist = new long[65];
        for (int i = from; i < to; i++) {
            hist[bitLength(values[i])]++;
        }
        if (hist[0] == n) {
            w.bits(0, 7); // all zero: a constant series costs nothing per point
            return;
        }
        long[] atMost = new long[65];
        long[] lenAbove = new long[65];
        long c = 0;
        for (int b = 0; b <= 64; b++) {
            c += hist[b];
            atMost[b] = c;
        }
        long s = 0;
        for (int b = 64; b >= 0; b--) {
            lenAbove[b] = s;
            s += hist[b] * b;
        }
        long best = Long.MAX_VALUE;
        int bw1 = 1;
        int bw2 = 1;
        long[] counts = new long[4];
        // only widths some value has are worth trying (a width no value has is never cheaper than the next one
        // down that some value has); that is a dozen candidates instead of 64
        int[] widths = new int[65];
        int nw = 0;
        for (int b = 1; b <= 64; b++) {
            if (hist[b] > 0) {
                widths[nw++] = b;
            }
        }
        for (int a = 0; a < nw; a++) {
            int w1 = widths[a];
            for (int z = a; z < nw; z++) {
                int w2 = widths[z];
                counts[ZERO] = atMost[0];
                counts[SMALL] = atMost[w1] - atMost[0];
                counts[LARGE] = atMost[w2] - atMost[w1];
                counts[ESCAPE] = n - atMost[w2];
                long cost = counts[SMALL] * w1 + counts[LARGE] * w2 + counts[ESCAPE] * 7 + lenAbove[w2]
                        + prefixCost(counts);
                if (cost < best) {
                    best = cost;
                    bw1 = w1;
                    bw2 = w2;
                }
            }
        }
        counts[ZERO] = atMost[0];
        counts[SMALL] = atMost[bw1] - atMost[0];
        counts[LARGE] = atMost[bw2] - atMost[bw1];
        counts[ESCAPE] = n - atMost[bw2];
        int[] rank = ranks(counts);
        w.bits(bw1, 7);
        w.bits(bw2, 7);
        for (int k = 0; k < 4; k++) {
            w.bits(rank[k], 2);
        }
        for (int i = from; i < to; i++) {
            long v = values[i];
            int len = bitLength(v);
            int cls = len == 0 ? ZERO : len <= bw1 ? SMALL : len <= bw2 ? LARGE : ESCAPE;
            writePrefix(w, rank[cls]);
            switch (cls) {
                case SMALL -> w.bits(v, bw1);
                case LARGE -> w.bits(v, bw2);
                case ESCAPE -> {
                    w.bits(len, 7);
                    w.bits(v, len);
                }
                default -> {
                }
            }
        }
    }

    static void decode(BitReader r, long[] out, int from, int to) {
        long headerAt = r.position();
        int w1 = (int) r.bits(7);
        if (w1 == 0) {
            Arrays.fill(out, from, to, 0);
            return;
        }
        int w2 = (int) r.bits(7);
        int[] classOfRank = new int[4];
        boolean[] seen = new boolean[4];
        for (int k = 0; k < 4; k++) {
            int rank = (int) r.bits(2);
            if (seen[rank]) {
                throw CorruptChunkException.at(headerAt, "two value classes share one prefix");
            }
            seen[rank] = true;
            classOfRank[rank] = k;
        }
        if (w1 < 1 || w2 < w1 || w2 > 64) {
            throw CorruptChunkException.at(headerAt, "bit widths " + w1 + " and " + w2 + " are impossible");
        }
        int[] widthOfRank = new int[4];
        for (int rank = 0; rank < 4; rank++) {
            int cls = classOfRank[rank];
            widthOfRank[rank] = cls == ZERO ? 0 : cls == SMALL ? w1 : cls == LARGE ? w2 : -1;
        }
        for (int i = from; i < to; i++) {
            long word = r.peek(64);
            int prefix = (int) (word >>> 61);
            int rank = PREFIX_RANK[prefix];
            int plen = PREFIX_LENGTH[prefix];
            int w = widthOfRank[rank];
            if (w == 0) {
                r.skip(plen);
                out[i] = 0;
            } else if (w > 0 && w <= 61) {
                r.skip(plen + w);
                out[i] = (word << plen) >>> (64 - w);
            } else if (w > 0) {
                r.skip(plen);
                out[i] = r.bits(w);
            } else {
                r.skip(plen);
                long at = r.position();
                int len = (int) r.bits(7);
                if (len < 1 || len > 64) {
                    throw CorruptChunkException.at(at, "an escaped value claims " + len + " bits");
                }
                out[i] = r.bits(len);
            }
        }
    }

    private static long prefixCost(long[] counts) {
        long a = counts[0];
        long b = counts[1];
        long c = counts[2];
        long d = counts[3];
        long t;
        // a sorting network, descending; ranks 0..3 cost 1, 2, 3 and 3 bits
        if (a < b) { t = a; a = b; b = t; }
        if (c < d) { t = c; c = d; d = t; }
        if (a < c) { t = a; a = c; c = t; }
        if (b < d) { t = b; b = d; d = t; }
        if (b < c) { t = b; b = c; c = t; }
        return a + 2 * b + 3 * (c + d);
    }

    private static int[] ranks(long[] counts) {
        Integer[] order = {0, 1, 2, 3};
        Arrays.sort(order, (x, y) -> Long.compare(counts[y], counts[x]));
        int[] rank = new int[4];
        for (int r = 0; r < 4; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    private static void writePrefix(BitWriter w, int rank) {
        switch (rank) {
            case 0 -> w.bits(0, 1);
            case 1 -> w.bits(0b10, 2);
            case 2 -> w.bits(0b110, 3);
            default -> w.bits(0b111, 3);
        }
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }
}
