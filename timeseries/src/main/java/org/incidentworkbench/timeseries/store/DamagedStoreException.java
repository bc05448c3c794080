package org.incidentworkbench.timeseries.store;

/**
 * Stored bytes that do not decode: a chunk, timestamp block or rollup block that is truncated, overwritten
 * or fails its checksum. The only failure the store reports as "the store file is damaged"; the message
 * names the series and the window or block.
 */
final class DamagedStoreException extends RuntimeException {

    DamagedStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
