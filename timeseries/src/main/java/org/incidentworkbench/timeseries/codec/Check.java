package org.incidentworkbench.timeseries.codec;

import java.util.zip.CRC32C;

/** The 16-bit check that closes every encoded block: the low half of CRC-32C over the bytes before it. */
final class Check {

    private Check() {
    }

    static byte[] seal(byte[] body) {
        byte[] out = java.util.Arrays.copyOf(body, body.length + 2);
        int crc = crc(body, 0, body.length);
        out[body.length] = (byte) (crc >>> 8);
        out[body.length + 1] = (byte) crc;
        return out;
    }

    /** Verifies the check and returns the body's length. */
    static int verify(byte[] block) {
        return verify(block, 0, block == null ? 0 : block.length);
    }

    /** Verifies the check of the block in {@code data[off, off + length)} and returns the body's length. */
    static int verify(byte[] data, int off, int length) {
        if (data == null || length < 3) {
            throw CorruptChunkException.at(0, "the block is " + (data == null ? 0 : length)
                    + " bytes long, shorter than any valid block");
        }
        int n = length - 2;
        int expected = ((data[off + n] & 0xFF) << 8) | (data[off + n + 1] & 0xFF);
        int actual = crc(data, off, n);
        if (expected != actual) {
            throw CorruptChunkException.at(n * 8L, "the checksum over bytes 0.." + (n - 1) + " does not match ("
                    + Integer.toHexString(actual) + " computed, " + Integer.toHexString(expected) + " stored)");
        }
        return n;
    }

    private static int crc(byte[] data, int off, int length) {
        CRC32C c = new CRC32C();
        c.update(data, off, length);
        return (int) c.getValue() & 0xFFFF;
    }
}
