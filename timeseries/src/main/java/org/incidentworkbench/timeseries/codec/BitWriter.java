package org.incidentworkbench.timeseries.codec;

import java.util.Arrays;

/** Appends bits most-significant first into a growing byte array. Not thread-safe. */
final class BitWriter {

    private byte[] buf;
    private int bytes;
    private long acc;
    private int accBits;

    BitWriter(int expectedBytes) {
        buf = new byte[Math.max(16, expectedBytes)];
    }

    void bit(boolean one) {
        bits(one ? 1 : 0, 1);
    }

    /** Writes the low {@code n} bits of {@code value}, 0 &lt;= n &lt;= 64. */
    void bits(long value, int n) {
        if (n == 0) {
            return;
        }
        if (n > 56) {
            bits(value >>> 32, n - 32);
            bits(value, 32);
            return;
        }
        acc = (acc << n) | (value & ((1L << n) - 1));
        accBits += n;
        if (bytes + 8 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        while (accBits >= 8) {
            accBits -= 8;
            buf[bytes++] = (byte) (acc >>> accBits);
        }
    }

    /** Unsigned LEB128-style variable length in 7-bit groups (within the bit stream). */
    void varLong(long v) {
        while ((v & ~0x7FL) != 0) {
            bits((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        bits(v, 8);
    }

    long bitLength() {
        return bytes * 8L + accBits;
    }

    /** The bytes written so far, the last one padded with zero bits. */
    byte[] toBytes() {
        byte[] out = Arrays.copyOf(buf, bytes + (accBits > 0 ? 1 : 0));
        if (accBits > 0) {
            out[bytes] = (byte) (acc << (8 - accBits));
        }
        return out;
    }
}
