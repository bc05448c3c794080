package org.incidentworkbench.playbooks.bundle;

/**
 * One zip entry as the manifest lists it.
 *
 * @param path      the entry name inside the zip, for example {@code journal.jsonl}
 * @param sizeBytes uncompressed size
 * @param sha256    SHA-256 of the uncompressed bytes, lower-case hex
 */
public record BundleEntry(String path, long sizeBytes, String sha256) {
}
