package org.incidentworkbench.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.ParserInfo;

/**
 * One triage probe, everything about it in one place: a fixed, read-only shell fragment that prints the
 * probe's text (the lead's table A: the main command's output, further commands after
 * {@code parse.Sections} marker lines, {@code /proc} fallbacks when a tool is missing), its timeout and
 * output cap, the parser that reads the text and the record it gives, the commands as a person would
 * type them, and the prefixes of its fixture files. Reports are read through it:
 * {@code report.get(Probes.DF)} is the parsed {@code DfReport}, if df parsed.
 *
 * <p>The fragment runs under {@code sh -c} inside {@link TriageScript}, with {@code LC_ALL=C} and
 * stdin from {@code /dev/null}; its exit status is that of the probe's main command. When a tool is
 * missing the fragment prints a note line ({@link #missing}) naming the tool, the package that provides
 * it and whether a fallback followed. Nothing user-supplied ever enters a fragment.
 *
 * <p>Adding a probe: one class implementing this interface and one line in {@link Probes} (see
 * docs/extending.md). Implementations are immutable and stateless.
 *
 * @param <T> the record the probe's parser returns
 */
public interface Probe<T> {

    /** Default per-probe timeout: generous, because a slow probe is itself a finding (a hung NFS mount). */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Default per-probe output cap: far above what any probe prints on a healthy server. */
    int DEFAULT_CAP = 1 << 20;

    /** The probe's name (w, uptime, ps, ip, df, top, iostat, ss, logs): lower-case letters, digits, '_' or '-'. */
    String name();

    /** POSIX sh code printing the probe text. */
    String fragment();

    /**
     * The commands the fragment runs when every tool is there, as a person would type them over ssh
     * (the benchmark's baseline runs these; a test checks each appears in the fragment).
     */
    List<String> commands();

    /** The tools the fragment needs, each with the Debian/RHEL package that provides it. */
    Map<String, String> toolPackages();

    /** The parser that reads the probe text; its name is the probe's name. */
    OutputParser<T> parser();

    /** The record {@link #parser()} returns, for reading stored reports back and for typed lookups. */
    Class<T> type();

    /** How long the fragment may run before it is killed. */
    default Duration timeout() {
        return DEFAULT_TIMEOUT;
    }

    /** Bytes of output kept; the rest is discarded on the remote side. */
    default int maxOutputBytes() {
        return DEFAULT_CAP;
    }

    /**
     * True for a probe that waits by design and prints little (iostat's one-second sample): the script
     * runs it beside the others instead of before or after them (see {@link TriageScript}); its output
     * should stay under a pipe's 64 KiB.
     */
    default boolean background() {
        return false;
    }

    /**
     * File-name prefixes of this probe's fixtures under {@code src/test/resources/fixtures}
     * ({@code df-PTk.out} belongs to df, {@code proc-diskstats-*.out} to iostat's fallback).
     */
    default List<String> fixturePrefixes() {
        return List.of(name());
    }

    /**
     * What this probe could and could not see in its result (as {@code loginUser}, for the sentences):
     * by default from the result alone ({@link ProbeCoverage#basic}); a probe that can tell a refused or
     * absent source from its text (logs: the kernel log, the journal) says so.
     */
    default ProbeCoverage coverage(ProbeResult result, String loginUser) {
        return ProbeCoverage.basic(result);
    }

    /**
     * Shell code defining {@code iw_priv CMD...}, for a fragment whose commands need privilege: it runs the
     * command with stderr merged into stdout, through {@code sudo -n} when the triage was asked to
     * ({@code IW_SUDO} set, {@code --sudo}); when sudo would prompt or refuses, it writes a
     * {@code note sudo CMD FIRST-LINE} line to stderr (see {@link TriageScript}) and runs the command
     * without sudo. Never prompts, never sees a password.
     */
    static String privilegedRunner() {
        return "iw_priv() {\n"
                + "  if [ -n \"${IW_SUDO:-}\" ]; then\n"
                + "    if command -v sudo >/dev/null 2>&1; then\n"
                + "      iw_o=$(sudo -n \"$@\" 2>&1); iw_s=$?\n"
                + "      case $iw_o in\n"
                + "        'sudo: '*|'Sorry, user '*) printf '%s note sudo %s %s\\n' \"$IWM\" \"$1\" \"${iw_o%%\n*}\" >&2 ;;\n"
                + "        *) [ -n \"$iw_o\" ] && printf '%s\\n' \"$iw_o\"; return $iw_s ;;\n"
                + "      esac\n"
                + "    else printf '%s note sudo %s sudo is not installed\\n' \"$IWM\" \"$1\" >&2; fi\n"
                + "  fi\n"
                + "  \"$@\" 2>&1\n"
                + "}\n";
    }

    /** The same probe with another timeout (the CLI's {@code --timeout} bounds every probe). */
    default Probe<T> withTimeout(Duration newTimeout) {
        return new TimeLimited<>(this instanceof TimeLimited<T> t ? t.probe() : this, newTimeout);
    }

    /**
     * A probe without a parser, for a fragment that is not one of the product's probes (tests of the
     * script and runner): it runs like any other and its result is the raw text, not parsed.
     */
    static Probe<String> unparsed(String name, String fragment, Duration timeout, int maxOutputBytes, boolean background) {
        return new Unparsed(name, fragment, timeout, maxOutputBytes, background);
    }

    /** The tools whose BusyBox applet {@link TriageScript} looks for (see {@link #busyBox}). */
    List<String> BUSYBOX_TOOLS = List.of("ps", "top", "ip", "df", "w", "uptime", "dmesg");

    /**
     * A shell test, true when the triage script found {@code tool} (one of {@link #BUSYBOX_TOOLS}) to be a
     * BusyBox applet; parameter expansion only, so it costs no process.
     */
    static String busyBox(String tool) {
        if (!BUSYBOX_TOOLS.contains(tool)) {
            throw new IllegalArgumentException("The triage script does not check whether " + tool + " is BusyBox.");
        }
        return "[ \"${IW_BB#* " + tool + " }\" != \"${IW_BB:-}\" ]";
    }

    /**
     * The variant of the probe that produced this result, as its raw text states it: the first section's name
     * when the text opens with a section (a BusyBox variant or a {@code /proc} fallback), else the probe's
     * main command.
     */
    default String variant(ProbeResult result) {
        String raw = result.raw();
        if (raw.startsWith(org.incidentworkbench.parse.Sections.MARKER)) {
            int nl = raw.indexOf('\n');
            return raw.substring(org.incidentworkbench.parse.Sections.MARKER.length(), nl < 0 ? raw.length() : nl).strip();
        }
        return commands().get(0);
    }

    /** Shell code printing a {@code parse.Sections} marker line. */
    static String section(String name) {
        return "printf '%s\\n' '" + org.incidentworkbench.parse.Sections.marker(name) + "'; ";
    }

    /** Shell code printing the note that {@code tool} is missing (see {@link TriageScript#missingNote}). */
    static String missing(String tool, String pkg, boolean fallback) {
        return "printf '%s note missing %s %s %s\\n' \"$IWM\" " + tool + " " + pkg + " " + (fallback ? "fallback" : "none") + "; ";
    }

    /** Checks what every probe must satisfy; the registry calls it. */
    static <T> Probe<T> checked(Probe<T> p) {
        validate(p.name(), p.timeout(), p.maxOutputBytes());
        return p;
    }

    private static void validate(String name, Duration timeout, int maxOutputBytes) {
        if (name == null || !name.matches("[a-z0-9_-]+")) {
            throw new IllegalArgumentException("A probe name must be lower-case letters, digits, '_' or '-', not '" + name + "'.");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The probe " + name + " needs a positive timeout, not " + timeout + ".");
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("The probe " + name + " needs a positive output cap, not " + maxOutputBytes + ".");
        }
    }

    /** A probe whose timeout the settings lowered; everything else is the original's. */
    record TimeLimited<T>(Probe<T> probe, Duration timeout) implements Probe<T> {
        public TimeLimited {
            validate(probe.name(), timeout, probe.maxOutputBytes());
        }

        @Override
        public String name() {
            return probe.name();
        }

        @Override
        public String fragment() {
            return probe.fragment();
        }

        @Override
        public List<String> commands() {
            return probe.commands();
        }

        @Override
        public Map<String, String> toolPackages() {
            return probe.toolPackages();
        }

        @Override
        public OutputParser<T> parser() {
            return probe.parser();
        }

        @Override
        public Class<T> type() {
            return probe.type();
        }

        @Override
        public int maxOutputBytes() {
            return probe.maxOutputBytes();
        }

        @Override
        public boolean background() {
            return probe.background();
        }

        @Override
        public List<String> fixturePrefixes() {
            return probe.fixturePrefixes();
        }

        @Override
        public ProbeCoverage coverage(ProbeResult result, String loginUser) {
            return probe.coverage(result, loginUser);
        }

        @Override
        public String variant(ProbeResult result) {
            return probe.variant(result);
        }
    }

    /** See {@link #unparsed}. */
    record Unparsed(String name, String fragment, Duration timeout, int maxOutputBytes, boolean background)
            implements Probe<String> {
        public Unparsed {
            validate(name, timeout, maxOutputBytes);
        }

        @Override
        public List<String> commands() {
            return List.of(fragment);
        }

        @Override
        public Map<String, String> toolPackages() {
            return Map.of();
        }

        @Override
        public OutputParser<String> parser() {
            ParserInfo info = new ParserInfo(name, List.of(), List.of(), "no parser: the raw text is the result");
            return new OutputParser<>() {
                @Override
                public ParserInfo info() {
                    return info;
                }

                @Override
                public ParseOutcome<String> parse(String text) {
                    return new ParseOutcome.Unrecognised<>("The probe " + name + " has no parser; showing the raw text.");
                }
            };
        }

        @Override
        public Class<String> type() {
            return String.class;
        }
    }
}
