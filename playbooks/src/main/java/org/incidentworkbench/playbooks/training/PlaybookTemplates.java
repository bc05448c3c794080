package org.incidentworkbench.playbooks.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.playbooks.PlaybookJson;
import org.incidentworkbench.playbooks.journal.JournalEvent;

/**
 * The built-in playbook templates, loaded from JSON resources beside this class
 * ({@code templates/high-load.json}, {@code disk-full}, {@code memory-leak}, {@code network-errors},
 * {@code runaway-logs}). Finding rule ids in their matchers are the ssh-probes findings' ids
 * ({@code fs.full}, {@code load.per-core}, ...); where a rule may not exist yet the matchers use a
 * pattern over rule ids and titles so that a new rule of the same family still ticks the step.
 * Thread-safe (the list is immutable).
 */
public final class PlaybookTemplates {

    public static final List<String> BUILT_IN = List.of("high-load", "disk-full", "memory-leak", "network-errors", "runaway-logs");

    private static final List<PlaybookTemplate> TEMPLATES = load();

    private PlaybookTemplates() {
    }

    public static List<PlaybookTemplate> builtIn() {
        return TEMPLATES;
    }

    public static Optional<PlaybookTemplate> byId(String id) {
        return TEMPLATES.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The template with the most ticked steps over these events (ties: the first listed), if any ticks. */
    public static Optional<PlaybookTemplate> bestMatch(List<JournalEvent> events) {
        return TEMPLATES.stream()
                .filter(t -> t.tickedCount(events) > 0)
                .max(Comparator.comparingDouble((PlaybookTemplate t) -> t.tickedCount(events) / (double) t.steps().size())
                        .thenComparing(t -> -TEMPLATES.indexOf(t)));
    }

    private static List<PlaybookTemplate> load() {
        List<PlaybookTemplate> all = new ArrayList<>();
        for (String id : BUILT_IN) {
            String resource = "templates/" + id + ".json";
            try (InputStream in = PlaybookTemplates.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("The built-in playbook template " + resource + " is missing from the jar.");
                }
                all.add(PlaybookTemplate.fromJson(PlaybookJson.mapper().readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("The built-in playbook template " + resource + " cannot be read", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("The built-in playbook template " + resource + " is invalid: " + e.getMessage(), e);
            }
        }
        return List.copyOf(all);
    }
}
