package org.incidentworkbench.playbooks.bundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of {@link BundleVerifier}: the manifest when it could be read, and every problem found.
 *
 * @param file     the bundle checked
 * @param manifest the manifest, when it parsed and is of a format version this workbench reads
 * @param problems empty when the bundle is intact
 */
public record VerificationReport(Path file, Optional<BundleManifest> manifest, List<BundleProblem> problems) {

    public VerificationReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** True when the bundle was refused because a newer major format version wrote it. */
    public boolean newerVersion() {
        return problems.stream().anyMatch(BundleProblem.NewerVersion.class::isInstance);
    }

    /** One line per problem, or a line saying the bundle is intact. */
    public String describe() {
        if (ok()) {
            BundleManifest m = manifest.orElseThrow();
            return file + ": intact (" + BundleFormat.NAME + " " + m.formatVersion() + ", " + m.eventCount() + " events, "
                    + m.entries().size() + (m.entries().size() == 1 ? " entry" : " entries") + ", every SHA-256 matches).";
        }
        StringBuilder b = new StringBuilder(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":");
        for (BundleProblem p : problems) {
            b.append(System.lineSeparator()).append("  - ").append(p.message());
        }
        return b.toString();
    }
}
