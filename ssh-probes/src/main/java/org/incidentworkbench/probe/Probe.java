package org.incidentworkbench.probe;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One triage probe: a fixed, read-only shell fragment that prints the probe's text (the lead's
 * table A: the main command's output, further commands after {@code parse.Sections} marker lines,
 * {@code /proc} fallbacks when a tool is missing), with its own timeout and output cap, and the name
 * of the parser in {@code parse.Parsers} that reads the text.
 *
 * <p>The fragment runs under {@code sh -c} inside {@link TriageScript}, with {@code LC_ALL=C} and
 * stdin from {@code /dev/null}; its exit status is that of the probe's main command. When a tool is
 * missing the fragment prints a note line (see {@link TriageScript#missingNote}) naming the tool, the
 * package that provides it and whether a fallback followed. Nothing user-supplied ever enters a
 * fragment: they are constants of {@link Probes}.
 *
 * @param name            the probe's name (w, uptime, ps, ip, df, top, iostat, ss, logs)
 * @param fragment        POSIX sh code printing the probe text
 * @param timeout         how long the fragment may run before it is killed
 * @param maxOutputBytes  bytes of output kept; the rest is discarded on the remote side
 * @param parserName      the parser's name in {@code Parsers}
 * @param toolPackages    the tools the fragment needs, each with the Debian/RHEL package that provides it
 * @param background      true for a probe that waits by design and prints little (iostat's one-second
 *                        sample): the script runs it beside the others instead of before or after them
 *                        (see {@link TriageScript}); its output should stay under a pipe's 64 KiB
 */
public record Probe(String name, String fragment, Duration timeout, int maxOutputBytes, String parserName,
                    Map<String, String> toolPackages, boolean background) {

    public Probe {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fragment, "fragment");
        if (!name.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("A probe name must be lower-case letters, digits, '_' or '-', not '" + name + "'.");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The probe " + name + " needs a positive timeout, not " + timeout + ".");
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("The probe " + name + " needs a positive output cap, not " + maxOutputBytes + ".");
        }
        toolPackages = Map.copyOf(toolPackages);
    }

    /** The same probe with another timeout (the CLI's {@code --timeout} bounds every probe). */
    public Probe withTimeout(Duration newTimeout) {
        return new Probe(name, fragment, newTimeout, maxOutputBytes, parserName, toolPackages, background);
    }
}
