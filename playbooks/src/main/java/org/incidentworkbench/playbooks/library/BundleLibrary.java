package org.incidentworkbench.playbooks.library;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.incidentworkbench.playbooks.bundle.BundleException;
import org.incidentworkbench.playbooks.bundle.BundleFormat;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.RedactionList;
import org.incidentworkbench.playbooks.share.HostRole;
import org.incidentworkbench.playbooks.training.PlaybookTemplate;
import org.incidentworkbench.playbooks.training.PlaybookTemplates;

/**
 * A team incident library: a folder of bundles, typically a git checkout the team already syncs.
 * {@link #scan} lists every {@code *.iwbundle} under it (sub-folders too, {@code .git} skipped), newest
 * incident first, with what search needs; a bundle that does not open is listed as a problem with the
 * verifier's sentence, never dropped silently. {@link #publish} lets only copies redacted for sharing in.
 *
 * <pre>{@code
 * BundleLibrary.Listing l = BundleLibrary.scan(Path.of("~/team-incidents"));
 * List<LibraryEntry> disk = BundleLibrary.search(l.entries(), "rule:fs.full role:web");
 * }</pre>
 * Thread-safe (stateless); scanning reads only the files.
 */
public final class BundleLibrary {

    /** What a folder holds: the bundles that open, and one sentence for each that does not. */
    public record Listing(Path folder, List<LibraryEntry> entries, List<String> problems) {
        public Listing {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    private static final int MAX_DEPTH = 6;

    private BundleLibrary() {
    }

    /**
     * @throws IOException when the folder cannot be listed (the message says which folder and why)
     */
    public static Listing scan(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("There is no folder " + folder + "; give the library's folder (for example a git checkout "
                    + "of the team's incidents).");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder, MAX_DEPTH)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(BundleFormat.EXTENSION))
                    .filter(p -> folder.relativize(p).toString().split("[/\\\\]")[0].equals(".git") == false)
                    .filter(Files::isRegularFile).sorted().toList();
        }
        List<LibraryEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            try {
                entries.add(entry(IncidentBundle.open(f)));
            } catch (BundleException e) {
                problems.add(folder.relativize(f) + ": " + e.getMessage());
            }
        }
        entries.sort(Comparator.comparing(LibraryEntry::start).reversed().thenComparing(e -> e.file().toString()));
        return new Listing(folder, entries, problems);
    }

    /** What the library shows of one bundle. */
    public static LibraryEntry entry(IncidentBundle b) {
        List<JournalEvent> events = b.events();
        Set<String> roles = new LinkedHashSet<>();
        b.manifest().sharing().ifPresentOrElse(s -> roles.addAll(s.hostRoles().values()),
                () -> b.manifest().hosts().forEach(h -> HostRole.of(h).ifPresent(roles::add)));
        Set<String> tags = new LinkedHashSet<>();
        Set<String> rules = new LinkedHashSet<>();
        for (JournalEvent e : events) {
            if (e instanceof JournalEvent.Note n && !RedactionList.isEntry(n)) {
                tags.addAll(n.tags());
            } else if (e instanceof JournalEvent.TriageRun t) {
                rules.addAll(t.findingRules());
            }
        }
        Optional<String> playbook = PlaybookTemplates.bestMatch(events).map(PlaybookTemplate::id);
        return new LibraryEntry(b.file(), b.manifest().title(), b.manifest().severity(), b.manifest().start(), b.manifest().duration(),
                b.manifest().hosts(), List.copyOf(roles), List.copyOf(tags), List.copyOf(rules), playbook,
                b.manifest().redactedForSharing());
    }

    /**
     * The entries that match every word of {@code query} (case-insensitive). A plain word matches the
     * title, a host, a role, a tag, a finding rule, the playbook or the severity; {@code title:},
     * {@code role:}, {@code host:}, {@code tag:}, {@code rule:}, {@code playbook:} and {@code severity:}
     * narrow a word to one of them. A blank query matches everything.
     */
    public static List<LibraryEntry> search(List<LibraryEntry> entries, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return List.copyOf(entries);
        }
        String[] words = q.split("\\s+");
        return entries.stream().filter(e -> {
            for (String w : words) {
                if (!matches(e, w)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    private static boolean matches(LibraryEntry e, String word) {
        int colon = word.indexOf(':');
        String field = colon > 0 ? word.substring(0, colon) : "";
        String value = colon > 0 ? word.substring(colon + 1) : word;
        List<String> title = List.of(e.title());
        return switch (field) {
            case "title" -> any(title, value);
            case "role" -> any(e.hostRoles(), value);
            case "host" -> any(e.hosts(), value);
            case "tag" -> any(e.tags(), value);
            case "rule" -> any(e.findingRules(), value);
            case "playbook" -> any(e.playbook().stream().toList(), value);
            case "severity" -> any(List.of(e.severity()), value);
            default -> any(title, word) || any(e.hostRoles(), word) || any(e.hosts(), word) || any(e.tags(), word)
                    || any(e.findingRules(), word) || any(e.playbook().stream().toList(), word) || any(List.of(e.severity()), word);
        };
    }

    private static boolean any(List<String> texts, String word) {
        return texts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(word));
    }

    /**
     * Copies a bundle redacted for sharing into the library folder under its own file name and returns
     * the copy. An original is refused: only redacted copies go into a library.
     * @throws IllegalArgumentException for an original, with the sentence saying to share it first
     * @throws FileAlreadyExistsException when the library already has a file of that name
     */
    public static Path publish(IncidentBundle bundle, Path folder) throws IOException {
        if (!bundle.manifest().redactedForSharing()) {
            throw new IllegalArgumentException(bundle.file().getFileName() + " is not redacted for sharing, so it cannot go into "
                    + "the library; share it first (workbench playbook share " + bundle.file().getFileName() + ").");
        }
        Files.createDirectories(folder);
        Path target = folder.resolve(bundle.file().getFileName().toString());
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "the library already holds a bundle of that name");
        }
        return Files.copy(bundle.file(), target);
    }
}
