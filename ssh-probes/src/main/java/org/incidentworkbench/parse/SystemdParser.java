package org.incidentworkbench.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses {@code systemctl --failed --no-legend --plain}, and the plain {@code systemctl --failed} a person
 * pastes (header, {@code ●} bullets, legend and "N loaded units listed.").
 *
 * <p>Invocation (probe {@code systemd}): {@code systemctl --failed --no-legend --plain}, only where
 * {@code /run/systemd/system} exists (systemd's own test for "booted with systemd"); elsewhere the probe prints
 * {@code iw: systemd is not running (PID 1 is NAME)}. Samples (systemd 252, Debian 12):
 * <pre>
 * nginx.service      loaded failed failed A high performance web server
 * systemd-networkd-wait-online.service loaded failed failed Wait for Network to be Configured
 * </pre>
 * No failed unit prints nothing. Without systemd as init, systemctl itself prints
 * {@code System has not been booted with systemd as init system (PID 1). Can't operate.}
 *
 * <p>Record: {@link SystemdReport}. A unit line with fewer than four words adds a warning and is skipped.
 */
public final class SystemdParser implements OutputParser<SystemdReport> {

    private static final ParserInfo INFO = new ParserInfo("systemd", List.of("systemctl --failed --no-legend --plain"),
            List.of("linux"), "failed systemd units");

    static final String NOT_RUNNING = "iw: systemd is not running";
    private static final String NOT_BOOTED = "System has not been booted with systemd";
    private static final Pattern UNIT = Pattern.compile("^\\S+\\.(service|socket|target|mount|automount|swap|timer|path|slice|scope|device)$");

    @Override
    public ParserInfo info() {
        return INFO;
    }

    @Override
    public boolean recognises(String text) {
        List<String> lines = TextTable.nonBlankLines(TextTable.stripPrompt(text));
        if (lines.isEmpty()) {
            return false;
        }
        String first = lines.get(0).strip();
        return first.startsWith(NOT_RUNNING) || first.startsWith(NOT_BOOTED)
                || first.matches("UNIT\\s+LOAD\\s+ACTIVE\\s+SUB\\s+DESCRIPTION.*")
                || UNIT.matcher(unitWords(first).stream().findFirst().orElse("")).matches()
                        && unitWords(first).size() >= 4 && unitWords(first).get(2).equals("failed");
    }

    @Override
    public ParseOutcome<SystemdReport> parse(String text) {
        List<String> warnings = new ArrayList<>();
        List<SystemdReport.FailedUnit> failed = new ArrayList<>();
        for (String line : TextTable.nonBlankLines(TextTable.stripPrompt(text))) {
            String s = line.strip();
            if (s.startsWith(NOT_RUNNING) || s.startsWith(NOT_BOOTED)) {
                String why = s.startsWith("iw: ") ? s.substring(4) : s;
                return ParseOutcome.parsed(new SystemdReport(false, Optional.of(why), List.of()), warnings);
            }
            if (s.startsWith("UNIT ") || s.startsWith("Failed to connect to bus")) {
                continue;
            }
            if (s.startsWith("LOAD ") || s.startsWith("ACTIVE ") || s.startsWith("SUB ") || s.matches("\\d+ loaded units? listed\\..*")) {
                break; // the legend of the plain form: no unit follows
            }
            List<String> w = unitWords(s);
            if (w.size() < 4 || !UNIT.matcher(w.get(0)).matches()) {
                warnings.add("\"" + s + "\" is not \"UNIT LOAD ACTIVE SUB DESCRIPTION\"; skipped");
                continue;
            }
            // a pasted terminal cuts long lines at its width with a trailing '>' (less -S)
            String description = w.size() > 4 ? String.join(" ", w.subList(4, w.size())).replaceAll("\\s*>$", "") : "";
            failed.add(new SystemdReport.FailedUnit(w.get(0), w.get(1), w.get(2), w.get(3), description));
        }
        if (failed.isEmpty() && !warnings.isEmpty()) {
            // not one unit line: this is not systemctl's output (a garbage host, another command)
            return ParseOutcome.unrecognised("no line reads as \"UNIT LOAD ACTIVE SUB DESCRIPTION\" of systemctl --failed");
        }
        return ParseOutcome.parsed(new SystemdReport(true, Optional.empty(), failed), warnings);
    }

    /** The words of a unit line without the bullet older systemctl (or one without --plain) prints. */
    private static List<String> unitWords(String line) {
        List<String> w = new ArrayList<>(TextTable.words(line));
        if (!w.isEmpty() && (w.get(0).equals("\u25cf") || w.get(0).equals("*") || w.get(0).equals("x"))) {
            w.remove(0);
        }
        return w;
    }
}
