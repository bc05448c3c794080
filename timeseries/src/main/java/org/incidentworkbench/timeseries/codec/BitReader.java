package org.incidentworkbench.timeseries.codec;

import java.nio.ByteBuffer;

/**
 * Reads bits most-significant first; every read past the end raises a {@link CorruptChunkException} with
 * the bit offset. The bytes are loaded into 64-bit words once, so a read of up to 64 bits takes one or two word operations (decoding a 7-day
 * chart touches about a million values, so bit-at-a-time reading would dominate the query). Not thread-safe.
 */
final class BitReader {

    private final long[] words;
    private final long limitBits;
    private long pos;

    BitReader(byte[] data, int length) {
        this(data, 0, length);
    }

    BitReader(byte[] data, int off, int length) {
        this.limitBits = length * 8L;
        int full = length / 8;
        this.words = new long[full + 2];
        ByteBuffer.wrap(data, off, full * 8).asLongBuffer().get(words, 0, full);
        long last = 0;
        for (int i = full * 8; i < full * 8 + 8; i++) {
            last = (last << 8) | (i < length ? data[off + i] & 0xFF : 0);
        }
        words[full] = last;
    }

    boolean bit() {
        if (pos >= limitBits) {
            throw CorruptChunkException.at(pos, "the data ends in the middle of a value");
        }
        long w = words[(int) (pos >>> 6)];
        return ((w >>> (63 - (int) (pos++ & 63))) & 1) != 0;
    }

    /** The next {@code n} (1..64) bits without consuming them, zero-padded past the end. */
    long peek(int n) {
        int idx = (int) (pos >>> 6);
        int off = (int) (pos & 63);
        long w = words[idx] << off;
        if (off != 0) {
            w |= words[idx + 1] >>> (64 - off);
        }
        return w >>> (64 - n);
    }

    void skip(int n) {
        if (pos + n > limitBits) {
            throw CorruptChunkException.at(pos, "the data ends in the middle of a value");
        }
        pos += n;
    }

    long bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (pos + n > limitBits) {
            throw CorruptChunkException.at(pos, "the data ends in the middle of a value (" + n + " bits wanted, "
                    + (limitBits - pos) + " left)");
        }
        long v = peek(n);
        pos += n;
        return v;
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
