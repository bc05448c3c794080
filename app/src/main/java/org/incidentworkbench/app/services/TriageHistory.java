package org.incidentworkbench.app.services;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.probe.TriageReport;
import org.incidentworkbench.probe.TriageReportJson;

/**
 * Each host's previous triage, so the next one can say what is new ({@code findings.FindingRanking}): one
 * small JSON file per host in {@code triage-history/} of the data directory, holding the report without its
 * probe results (host, target, time and findings; a few KiB instead of megabytes of raw text), written to a
 * temporary file and moved into place. Only triaged reports are kept: a failed triage has no findings to
 * compare with, so the last good one stays. Thread-safe (one file per host, atomic moves).
 */
public final class TriageHistory {

    private final Path dir;

    public TriageHistory(Path dir) {
        this.dir = dir;
    }

    /** The user's: {@code WorkbenchDirs.data()/triage-history}. */
    public static TriageHistory standard() {
        return new TriageHistory(WorkbenchDirs.data().resolve("triage-history"));
    }

    public Path directory() {
        return dir;
    }

    /** The host's previous triage, if one was remembered and can still be read. */
    public Optional<TriageReport> previous(String host) {
        Path file = file(host);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TriageReportJson.read(Files.readString(file)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // a damaged or foreign file: no comparison, never a failed triage
        }
    }

    /** Remembers this triage as the host's previous one (only when it was triaged). */
    public void remember(TriageReport report) {
        if (!report.triaged()) {
            return;
        }
        TriageReport slim = new TriageReport(report.host(), report.target(), report.startedAt(), report.duration(),
                report.failure(), List.of(), report.findings());
        try {
            WorkbenchDirs.ensure(dir);
            Path file = file(report.host());
            Path tmp = Files.createTempFile(dir, ".history", ".tmp");
            Files.writeString(tmp, Json.mapper().writeValueAsString(slim));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the triage itself succeeded; only the next one's "new since" is lost
        }
    }

    private Path file(String host) {
        return dir.resolve(URLEncoder.encode(host, StandardCharsets.UTF_8) + ".json");
    }
}
