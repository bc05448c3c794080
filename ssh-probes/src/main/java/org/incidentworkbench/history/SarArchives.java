package org.incidentworkbench.history;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.incidentworkbench.probe.TriageScript;
import org.incidentworkbench.sample.MetricSample;
import org.incidentworkbench.ssh.ExecResult;
import org.incidentworkbench.ssh.HostConnection;

/**
 * Reads a host's sysstat archives over one connection: a first command lists the archive files of the
 * usual directories with their age (and says whether {@code sadf} exists), then one {@code sadf -j} per
 * archive written in the last {@code days} days, parsed by {@link SadfJson}. Nothing is written on the server.
 *
 * <p>Archives that {@code sadf} cannot read (written by another sysstat version, unreadable, compressed by
 * sa2 after {@code COMPRESSAFTER} days) are skipped with a note; what does not exist at all (no sysstat, no
 * archives, collection stopped) is a {@link Outcome#problem()} sentence that says how to turn it on.
 *
 * <p>Thread-safe: stateless; one call per host.
 */
public final class SarArchives {

    /** Debian and Ubuntu keep the archives in the first, Red Hat, SUSE and Arch in the second. */
    public static final List<String> DEFAULT_DIRS = List.of("/var/log/sysstat", "/var/log/sa");

    /** What sar is asked for: the activities the mapping reads, with device names instead of devM-N. */
    static final String ACTIVITIES = "-p -u ALL -q -r ALL -S -W -w -d -n DEV,EDEV -F MOUNT";
    /** For a sysstat too old for {@code -r ALL} or {@code -F MOUNT} (before 11.5). */
    static final String OLD_ACTIVITIES = "-p -u -q -r -W -w -d -n DEV,EDEV";

    static final String HOW_TO_ENABLE = "turn collection on (Debian, Ubuntu: set ENABLED=\"true\" in /etc/default/sysstat"
            + " and run 'systemctl enable --now sysstat'; Red Hat, Fedora, SUSE: 'systemctl enable --now sysstat');"
            + " sadc then records every 10 minutes";

    private static final Pattern ARCHIVE = Pattern.compile("sa(\\d{2}|\\d{8})");
    private static final Pattern COMPRESSED = Pattern.compile("sa(\\d{2}|\\d{8})\\.(xz|gz|bz2|zst|lz4)");
    private static final Pattern FILE_LINE = Pattern.compile("#iw-file (\\d+) (\\d+) (\\d+) (.+)");
    private static final int MAX_JSON_BYTES = 128 * 1024 * 1024;
    private static final Duration LIST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SADF_TIMEOUT = Duration.ofSeconds(120);

    /**
     * What to read.
     *
     * @param days how far back, counted from the server's clock
     * @param dirs the directories to look in, in order; {@link #DEFAULT_DIRS} unless the user named one
     */
    public record Request(int days, List<String> dirs) {
        public Request {
            if (days < 1) {
                throw new IllegalArgumentException("days must be at least 1, not " + days + ".");
            }
            dirs = List.copyOf(dirs);
        }

        public static Request days(int days) {
            return new Request(days, DEFAULT_DIRS);
        }
    }

    /** One archive read. */
    public record ArchiveRead(String path, int records, String sysstatFormat) {
    }

    /**
     * What one host gave.
     *
     * @param samples  the points within the requested days, gap markers included
     * @param archives the archives read, oldest first
     * @param notes    archives skipped and values left out, as sentences
     * @param problem  why nothing could be read at all (no sysstat, no archives, nothing recent), as a sentence
     * @param sadfVersion the first line of {@code sadf -V}
     */
    public record Outcome(String host, List<MetricSample> samples, List<ArchiveRead> archives, List<String> notes,
                          Optional<String> problem, String sadfVersion) {
        public Outcome {
            samples = List.copyOf(samples);
            archives = List.copyOf(archives);
            notes = List.copyOf(notes);
        }
    }

    private record ArchiveFile(long inode, long mtimeSeconds, long bytes, String path) {
        String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    private SarArchives() {
    }

    /**
     * Reads the archives of the last {@code request.days()} days.
     *
     * @param host the name the points are stored under
     * @throws IOException when the connection fails (a channel cannot be opened)
     */
    public static Outcome read(HostConnection connection, String host, Request request) throws IOException {
        ExecResult listing = connection.exec(listScript(request.dirs()), LIST_TIMEOUT, 1024 * 1024);
        if (listing.timedOut()) {
            return failed(host, "listing the sysstat archives on " + host + " took longer than " + LIST_TIMEOUT.toSeconds()
                    + " s; the host may be overloaded, try again.", "");
        }
        String sadfVersion = "";
        long now = -1;
        boolean hasSadf = true;
        List<String> dirsFound = new ArrayList<>();
        List<ArchiveFile> files = new ArrayList<>();
        for (String line : listing.stdout().split("\n")) {
            if (line.equals("#iw-nosadf")) {
                hasSadf = false;
            } else if (line.startsWith("#iw-sadf ")) {
                sadfVersion = line.substring(9).trim();
            } else if (line.startsWith("#iw-now ")) {
                now = Long.parseLong(line.substring(8).trim());
            } else if (line.startsWith("#iw-dir ")) {
                dirsFound.add(line.substring(8));
            } else {
                Matcher m = FILE_LINE.matcher(line);
                if (m.matches()) {
                    files.add(new ArchiveFile(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                            Long.parseLong(m.group(3)), m.group(4)));
                }
            }
        }
        if (now < 0) {
            return failed(host, "could not list the sysstat archives on " + host + " (exit status " + listing.exitStatus()
                    + (listing.stderr().isBlank() ? "" : ": " + listing.stderr().strip()) + ").", sadfVersion);
        }
        String where = String.join(" or ", request.dirs());
        if (!hasSadf) {
            return failed(host, host + " has no sadf, so sysstat is not installed there: install the sysstat package"
                    + " (apt-get install sysstat, dnf install sysstat, zypper install sysstat) and " + HOW_TO_ENABLE
                    + ". History starts from then.", sadfVersion);
        }
        List<String> notes = new ArrayList<>();
        List<ArchiveFile> compressed = files.stream().filter(f -> COMPRESSED.matcher(f.name()).matches()).toList();
        List<ArchiveFile> archives = files.stream().filter(f -> ARCHIVE.matcher(f.name()).matches()).toList();
        if (archives.isEmpty()) {
            return failed(host, host + " has sysstat (" + sadfVersion + ") but no archives in " + where
                    + (dirsFound.isEmpty() ? " (no such directory)" : "") + ": collection is off. To keep history, "
                    + HOW_TO_ENABLE + ".", sadfVersion);
        }
        long cutoffSeconds = now - request.days() * 86_400L;
        Set<Long> inodes = new HashSet<>();
        List<ArchiveFile> recent = archives.stream()
                .filter(f -> f.mtimeSeconds() >= cutoffSeconds)
                .sorted(Comparator.comparingLong(ArchiveFile::mtimeSeconds))
                .filter(f -> inodes.add(f.inode())) // saDD is often a link to saYYYYMMDD
                .toList();
        if (recent.isEmpty()) {
            long newest = archives.stream().mapToLong(ArchiveFile::mtimeSeconds).max().orElse(0);
            return failed(host, host + "'s newest sysstat archive was last written " + Instant.ofEpochSecond(newest)
                    + ", more than " + request.days() + " days ago: collection seems to have stopped. Raise --days to read"
                    + " it, and " + HOW_TO_ENABLE + ".", sadfVersion);
        }
        long recentCompressed = compressed.stream().filter(f -> f.mtimeSeconds() >= cutoffSeconds).count();
        if (recentCompressed > 0) {
            notes.add(recentCompressed + " archive" + (recentCompressed == 1 ? " is" : "s are") + " compressed ("
                    + compressed.get(0).name() + "...): sadf reads only uncompressed files, so those days are missing"
                    + " (raise COMPRESSAFTER in sysstat's configuration to keep more days readable).");
        }
        List<MetricSample> samples = new ArrayList<>();
        List<ArchiveRead> read = new ArrayList<>();
        long cutoffMillis = cutoffSeconds * 1000;
        for (ArchiveFile f : recent) {
            Optional<Text> out = sadf(connection, host, f, notes);
            if (out.isEmpty()) {
                continue;
            }
            try {
                SadfJson.Archive a = out.get().json() ? SadfJson.parse(out.get().text(), host, host + ":" + f.path())
                        : SarText.parse(out.get().text(), host, host + ":" + f.path());
                a.samples().stream().filter(s -> s.timestampMillis() >= cutoffMillis).forEach(samples::add);
                a.warnings().forEach(w -> notes.add(f.path() + ": " + w + "."));
                read.add(new ArchiveRead(f.path(), a.records(), a.sysstatFormat()));
            } catch (SadfJsonException e) {
                notes.add(e.getMessage());
            }
        }
        if (read.isEmpty()) {
            return new Outcome(host, List.of(), List.of(), notes, Optional.of("none of the " + recent.size()
                    + " recent sysstat archives on " + host + " could be read: " + String.join(" ", notes)), sadfVersion);
        }
        return new Outcome(host, samples, read, notes, Optional.empty(), sadfVersion);
    }

    /** What was read of one archive: sadf's JSON, or sar's text when sadf has no -j. */
    private record Text(String text, boolean json) {
    }

    /**
     * One archive's JSON, or sar's text where sadf has no {@code -j} (sysstat before 10), or empty with a note
     * saying why neither could read it.
     */
    private static Optional<Text> sadf(HostConnection connection, String host, ArchiveFile f, List<String> notes)
            throws IOException {
        String file = TriageScript.shellQuote(f.path());
        ExecResult r = connection.exec("LC_ALL=C sadf -j " + file + " -- " + ACTIVITIES, SADF_TIMEOUT, MAX_JSON_BYTES);
        if (r.exitStatus() != 0 && !r.timedOut() && usageError(r.stderr())) {
            r = connection.exec("LC_ALL=C sadf -j " + file + " -- " + OLD_ACTIVITIES, SADF_TIMEOUT, MAX_JSON_BYTES);
        }
        boolean json = true;
        if (r.exitStatus() != 0 && !r.timedOut() && (r.stderr().contains("Usage") || r.stderr().contains("invalid option"))) {
            // no -j at all: sar's own text, in UTC, 24-hour times and ISO dates, read by SarText
            String sar = "LC_ALL=C TZ=UTC S_TIME_FORMAT=ISO sar ";
            r = connection.exec(sar + ACTIVITIES + " -f " + file, SADF_TIMEOUT, MAX_JSON_BYTES);
            if (r.exitStatus() != 0 && !r.timedOut() && usageError(r.stderr())) {
                r = connection.exec(sar + OLD_ACTIVITIES + " -f " + file, SADF_TIMEOUT, MAX_JSON_BYTES);
            }
            json = false;
        }
        if (r.timedOut()) {
            notes.add(host + ":" + f.path() + " took longer than " + SADF_TIMEOUT.toSeconds() + " s to read; skipped.");
            return Optional.empty();
        }
        if (r.truncated()) {
            notes.add(host + ":" + f.path() + " gave more than " + MAX_JSON_BYTES / (1024 * 1024) + " MiB of " + (json ? "JSON" : "text")
                    + "; skipped.");
            return Optional.empty();
        }
        if (r.exitStatus() != 0 || r.stdout().isBlank()) {
            String why = r.stderr().strip().replace('\n', ' ');
            notes.add(host + ":" + f.path() + " could not be read by " + (json ? "sadf" : "sar") + (why.isEmpty() ? " (exit status "
                    + r.exitStatus() + ")" : ": " + why) + (why.contains("version") || why.contains("format")
                    ? " (it was written by another sysstat version; 'sadf -c' converts old archives)" : "") + ".");
            return Optional.empty();
        }
        return Optional.of(new Text(r.stdout(), json));
    }

    private static boolean usageError(String stderr) {
        return stderr.contains("Usage") || stderr.contains("invalid option") || stderr.contains("Invalid");
    }

    private static Outcome failed(String host, String problem, String sadfVersion) {
        return new Outcome(host, List.of(), List.of(), List.of(), Optional.of(problem), sadfVersion);
    }

    /** Lists {@code sa*} files of each directory as {@code #iw-file INODE MTIME BYTES PATH}, with the server's time. */
    static String listScript(List<String> dirs) {
        StringBuilder sb = new StringBuilder();
        sb.append("LC_ALL=C; export LC_ALL\n");
        sb.append("if command -v sadf >/dev/null 2>&1; then echo \"#iw-sadf $(sadf -V 2>&1 | head -n 1)\"; else echo '#iw-nosadf'; fi\n");
        sb.append("echo \"#iw-now $(date +%s)\"\n");
        sb.append("for d in");
        dirs.forEach(d -> sb.append(' ').append(TriageScript.shellQuote(d)));
        sb.append("; do\n");
        sb.append("  [ -d \"$d\" ] || continue\n");
        sb.append("  echo \"#iw-dir $d\"\n");
        sb.append("  for f in \"$d\"/sa[0-9]*; do\n");
        sb.append("    [ -f \"$f\" ] && echo \"#iw-file $(stat -L -c '%i %Y %s' \"$f\") $f\"\n");
        sb.append("  done\n");
        sb.append("done\n");
        sb.append("exit 0\n");
        return sb.toString();
    }
}
