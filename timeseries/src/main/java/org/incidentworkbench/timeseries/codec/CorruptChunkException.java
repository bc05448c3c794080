package org.incidentworkbench.timeseries.codec;

/**
 * A chunk's bytes are not a valid encoding: truncated, overwritten, or with a wrong checksum. Carries the
 * bit offset where decoding found the problem; the store adds which series and window the chunk belongs to.
 */
public final class CorruptChunkException extends RuntimeException {

    private final long bitOffset;

    private CorruptChunkException(long bitOffset, String message) {
        super(message);
        this.bitOffset = bitOffset;
    }

    static CorruptChunkException at(long bitOffset, String what) {
        return new CorruptChunkException(bitOffset, "Corrupt chunk at bit " + bitOffset + " (byte " + (bitOffset / 8)
                + "): " + what + ".");
    }

    /** Where decoding stopped, in bits from the start of the chunk. */
    public long bitOffset() {
        return bitOffset;
    }
}
