package org.incidentworkbench.playbooks.bundle;

/**
 * One thing wrong with a bundle, found by {@link BundleVerifier}. Each case names the entry and
 * what was expected; {@link #message()} says it as a full sentence for the user.
 */
public sealed interface BundleProblem {

    String message();

    /** The file cannot be read as a zip at all. */
    record NotReadable(String detail) implements BundleProblem {
        @Override
        public String message() {
            return "The file cannot be read as an incident bundle: " + detail + ".";
        }
    }

    /** The bundle was written by a newer major version of the format than this workbench reads. */
    record NewerVersion(String formatVersion, String writtenBy, int supportedMajor) implements BundleProblem {
        @Override
        public String message() {
            return "This bundle was written by a newer version (" + writtenBy + ", format " + BundleFormat.NAME + " "
                    + formatVersion + "); this workbench reads format " + supportedMajor + ".x only. Update Incident "
                    + "Workbench to open it.";
        }
    }

    /** The manifest is missing a field, has one of the wrong type, or names another format. */
    record BadManifest(String detail) implements BundleProblem {
        @Override
        public String message() {
            return "manifest.json is not a valid manifest: " + detail + ".";
        }
    }

    /** An entry the manifest lists (or the format requires) is not in the zip. */
    record MissingEntry(String entry) implements BundleProblem {
        @Override
        public String message() {
            return "The entry " + entry + " is missing from the bundle.";
        }
    }

    /** The zip holds an entry the manifest does not list (added after sealing, or a damaged name). */
    record UnlistedEntry(String entry) implements BundleProblem {
        @Override
        public String message() {
            return "The entry " + entry + " is in the bundle but not in its manifest, so it cannot be trusted.";
        }
    }

    /** The entry's bytes do not hash to what the manifest says. */
    record ChecksumMismatch(String entry, String expectedSha256, String actualSha256) implements BundleProblem {
        @Override
        public String message() {
            return "The entry " + entry + " has changed since the bundle was sealed: its SHA-256 is " + actualSha256
                    + " but the manifest expects " + expectedSha256 + ".";
        }
    }

    /** The entry's size differs from the manifest's. */
    record SizeMismatch(String entry, long expectedBytes, long actualBytes) implements BundleProblem {
        @Override
        public String message() {
            return "The entry " + entry + " is " + actualBytes + " bytes long but the manifest says " + expectedBytes + ".";
        }
    }

    /** The zip cannot decompress the entry (a flipped or lost byte in the file). */
    record DamagedEntry(String entry, String detail) implements BundleProblem {
        @Override
        public String message() {
            return "The entry " + entry + " is damaged and cannot be decompressed (" + detail + ").";
        }
    }

    /** An entry is not valid JSON, or does not fit its schema, at a line. */
    record BadContent(String entry, int line, String detail) implements BundleProblem {
        @Override
        public String message() {
            return "The entry " + entry + " is invalid at line " + line + ": " + detail + ".";
        }
    }
}
