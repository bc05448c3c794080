package org.incidentworkbench.timeseries.codec;

/**
 * Reads bits most-significant first; every read past the end raises a {@link CorruptChunkException} with
 * the bit offset. Not thread-safe.
 */
final class BitReader {

    private final byte[] data;
    private final long limitBits;
    private long pos;

    BitReader(byte[] data, int length) {
        this.data = data;
        this.limitBits = length * 8L;
    }

    boolean bit() {
        if (pos >= limitBits) {
            throw CorruptChunkException.at(pos, "the data ends in the middle of a value");
        }
        int b = data[(int) (pos >>> 3)] >>> (7 - (int) (pos & 7));
        pos++;
        return (b & 1) != 0;
    }

    long bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (n > 56) {
            long hi = bits(n - 32);
            return (hi << 32) | bits(32);
        }
        if (pos + n > limitBits) {
            throw CorruptChunkException.at(pos, "the data ends in the middle of a value (" + n + " bits wanted, "
                    + (limitBits - pos) + " left)");
        }
        long result = 0;
        int need = n;
        while (need > 0) {
            int inByte = (int) (pos & 7);
            int avail = 8 - inByte;
            int take = Math.min(avail, need);
            int b = ((data[(int) (pos >>> 3)] & 0xFF) >>> (avail - take)) & ((1 << take) - 1);
            result = (result << take) | b;
            need -= take;
            pos += take;
        }
        return result;
    }

    long varLong() {
        long start = pos;
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            long b = bits(8);
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw CorruptChunkException.at(start, "a length field runs over 10 bytes");
    }

    long position() {
        return pos;
    }

    long remaining() {
        return limitBits - pos;
    }
}
