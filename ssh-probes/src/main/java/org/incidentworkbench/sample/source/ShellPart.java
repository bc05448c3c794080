package org.incidentworkbench.sample.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source's share of the remote loop ({@code sampler.sh}, assembled by {@code SamplerScript}).
 *
 * @param files      files read every frame, each printed as its own {@code ==> FILE <==} section. Files that
 *                   do not exist or do not read when the loop starts (an older kernel) are left out of
 *                   every frame.
 * @param setup      shell lines run once before the loop (regular expressions, feature checks); may be empty
 * @param bashFilter {@code case} arms over {@code $f} (the file) and {@code $c} (its text) for the bash loop,
 *                   each setting {@code s} to the lines worth sending, or {@code keep} to a list of line
 *                   prefixes; empty sends whole files. Bash builtins only: no process per frame.
 * @param everyNth   sections produced by a command, run only every {@code df_every}-th frame (processes are
 *                   costly): section name to command, in order
 */
public record ShellPart(List<String> files, String setup, String bashFilter, Map<String, String> everyNth) {

    public ShellPart {
        files = List.copyOf(files);
        everyNth = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(everyNth));
    }

    /** Whole files, read every frame. */
    public static ShellPart files(String... files) {
        return new ShellPart(List.of(files), "", "", Map.of());
    }

    public ShellPart withSetup(String lines) {
        return new ShellPart(files, lines, bashFilter, everyNth);
    }

    public ShellPart withBashFilter(String arms) {
        return new ShellPart(files, setup, arms, everyNth);
    }
}
