package org.incidentworkbench.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.app.format.Durations;
import org.incidentworkbench.playbooks.bundle.BundleManifest;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.bundle.VerificationReport;
import org.incidentworkbench.playbooks.export.PostmortemExporter;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.journal.JournalContents;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalReader;
import org.incidentworkbench.playbooks.journal.RedactionList;
import org.incidentworkbench.playbooks.library.BundleLibrary;
import org.incidentworkbench.playbooks.library.LibraryEntry;
import org.incidentworkbench.playbooks.share.BundleSharer;
import org.incidentworkbench.playbooks.bundle.SharingNote;
import org.incidentworkbench.app.AppInfo;
import java.time.Instant;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ReplayClock;
import org.incidentworkbench.playbooks.replay.ReplayState;
import org.incidentworkbench.playbooks.replay.TickSource;
import org.incidentworkbench.playbooks.training.MoveOutcome;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.incidentworkbench.playbooks.training.TrainingReport;
import org.incidentworkbench.playbooks.training.TrainingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench playbook verify|export|replay|train BUNDLE}: what can be done with a sealed incident bundle
 * (or a shipped sample, by name) without servers or the metrics database. Recording an incident is
 * {@link IncidentCommand}; {@code playbook new|note|attach|close|list} still reach it ({@link Cli} maps them).
 */
@Command(name = "playbook", synopsisSubcommandLabel = "SUBCOMMAND",
        description = "verify, replay, train on and export incident bundles (.iwbundle)",
        customSynopsis = {"workbench playbook verify BUNDLE...",
                "       workbench playbook export BUNDLE|JOURNAL [-o FILE] [--no-redact]",
                "       workbench playbook replay BUNDLE [--speed X|max] [--no-skip-idle] [--no-redact]",
                "       workbench playbook train BUNDLE",
                "       workbench playbook share BUNDLE [-o FILE] [--keep-hosts]",
                "       workbench playbook library DIR [--search Q]"},
        footer = {"", "BUNDLE is an .iwbundle file or the name of a shipped sample (see 'workbench incident list').",
                "Recording an incident is 'workbench incident new|note|attach|close|list'; the old spellings",
                "'workbench playbook new, note, attach, close, list' still work."})
public final class PlaybookCommand extends CliCommand {

    /** Default replay speed: a ten-minute incident plays in under a minute, and idle time is skipped. */
    static final double DEFAULT_SPEED = 20;

    private final InputStream in;
    private final TickSource ticks;
    private final Sleeper sleeper;

    /** How the replay waits between ticks; tests pass one that does not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public PlaybookCommand() {
        this(System.in, TickSource.SYSTEM, d -> Thread.sleep(Math.max(1, d.toMillis())));
    }

    PlaybookCommand(InputStream in, TickSource ticks, Sleeper sleeper) {
        this.in = in;
        this.ticks = ticks;
        this.sleeper = sleeper;
    }

    @Command(name = "verify", description = "check a bundle's checksums and schema and say exactly what is wrong (exit 1 if anything is)")
    int verify(@Parameters(paramLabel = "BUNDLE", arity = "1..*", description = "bundle files or sample names") List<String> bundles)
            throws Exception {
        boolean allOk = true;
        for (String a : bundles) {
            VerificationReport r = BundleVerifier.verify(Bundles.bundlePath(a));
            out.println(r.describe());
            allOk &= r.ok();
        }
        return allOk ? Cli.OK : Cli.FAILED;
    }

    @Command(name = "export", description = {"write a Markdown postmortem (SRE book template) to stdout or FILE; secrets are",
            "redacted (passwords, tokens, keys, Authorization headers, user:pass@ URLs) unless --no-redact is given"})
    int export(@Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout") Path file,
               @Option(names = "--no-redact", description = "keep secrets as recorded") boolean noRedact,
               @Parameters(paramLabel = "BUNDLE|JOURNAL", description = "a bundle, a sample's name or an open incident's .jsonl journal")
               String source) throws Exception {
        Path input = source.endsWith(".jsonl") ? Path.of(source) : Bundles.bundlePath(source);
        Redactor redactor = noRedact ? Redactor.none() : Redactor.standard();
        String markdown;
        if (input.getFileName().toString().endsWith(".jsonl")) {
            markdown = PostmortemExporter.toMarkdown(eventsOf(input, err), redactor);
        } else {
            IncidentBundle bundle = IncidentBundle.open(input);
            markdown = PostmortemExporter.toMarkdown(bundle.events(), bundle.metrics(), redactor);
        }
        if (file != null) {
            Files.writeString(file, markdown, StandardCharsets.UTF_8);
            err.println("Wrote the postmortem draft to " + file + (redactor.enabled() ? " (secrets redacted)." : " (NOT redacted)."));
        } else {
            out.print(markdown);
        }
        return Cli.OK;
    }

    private static List<JournalEvent> eventsOf(Path file, PrintStream err) throws IOException {
        if (file.getFileName().toString().endsWith(".jsonl")) {
            JournalContents c = JournalReader.read(file);
            c.problems().forEach(p -> err.println("warning: " + p.message()));
            if (c.events().isEmpty()) {
                throw new IOException(file + " holds no journal events.");
            }
            return c.events();
        }
        return IncidentBundle.open(file).events();
    }

    @Command(name = "replay", description = {"print the incident's timeline as it plays, at --speed X with idle time skipped,",
            "or --speed max to print it at once"})
    int replay(@Option(names = "--speed", paramLabel = "X|max", description = "0.5 to 100 (default 20), or max") String speedText,
               @Option(names = "--no-skip-idle", description = "play quiet stretches in real time too") boolean noSkipIdle,
               @Option(names = "--no-redact", description = "keep secrets as recorded") boolean noRedact,
               @Parameters(paramLabel = "BUNDLE", description = "a bundle file or a sample's name") String source) throws Exception {
        IncidentBundle bundle = IncidentBundle.open(Bundles.bundlePath(source));
        Redactor redactor = (noRedact ? Redactor.none() : Redactor.standard()).withMarked(RedactionList.of(bundle.events()));
        if (speedText == null) {
            speedText = String.valueOf(DEFAULT_SPEED);
        }
        boolean max = speedText.equals("max");
        double speed;
        try {
            speed = max ? ReplayClock.MAX_SPEED : Double.parseDouble(speedText.replace("x", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--speed takes a number from 0.5 to 100, or max; '" + speedText + "' is neither.");
        }
        IncidentTimeline timeline = IncidentTimeline.of(bundle);
        ReplayClock clock = ReplayClock.over(timeline, ticks);
        try {
            clock.setSpeed(speed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        clock.setSkipIdle(!noSkipIdle);
        BundleManifest m = bundle.manifest();
        out.println("Replaying \"" + m.title() + "\" (" + m.id() + (m.severity().isBlank() ? "" : ", " + m.severity()) + "): "
                + m.eventCount() + " events over " + Durations.human(m.duration()) + ", "
                + (max ? "at once" : trim(speed) + "x" + (clock.skipIdle() ? ", idle time skipped" : "")) + ".");
        EventPrinter printer = new EventPrinter(out, timeline.start(), redactor);
        printer.print(clock.state().events());
        if (max) {
            printer.print(timeline.events().subList(clock.state().eventCount(), timeline.events().size()));
        } else {
            int shown = clock.state().eventCount();
            clock.play();
            while (!clock.atEnd()) {
                Duration wait = clock.wallTimeToNextEvent();
                sleeper.sleep(wait.compareTo(Duration.ofMillis(250)) > 0 ? Duration.ofMillis(250) : wait);
                ReplayState s = clock.tick();
                if (s.eventCount() > shown) {
                    printer.print(s.events().subList(shown, s.eventCount()));
                    shown = s.eventCount();
                }
            }
        }
        out.println("End of the recording (" + Durations.human(m.duration()) + ").");
        return Cli.OK;
    }

    @Command(name = "train", description = {"play the incident as a training exercise: you say what to check next (triage HOST,",
            "chart METRIC [HOST], run HOST COMMAND, hypothesis TEXT, done) and are compared with the responders"})
    int train(@Parameters(paramLabel = "BUNDLE", description = "a bundle file or a sample's name") String source) throws Exception {
        IncidentBundle bundle = IncidentBundle.open(Bundles.bundlePath(source));
        IncidentTimeline timeline = IncidentTimeline.of(bundle);
        TrainingSession session = TrainingSession.over(timeline);
        BundleManifest m = bundle.manifest();
        if (session.responderPath().isEmpty()) {
            err.println("The responders recorded no evidence in this incident (no triage, chart, command or confirmed "
                    + "hypothesis), so there is nothing to train on; replay it instead.");
            return Cli.FAILED;
        }
        Redactor redactor = Redactor.standard().withMarked(RedactionList.of(bundle.events()));
        EventPrinter printer = new EventPrinter(out, timeline.start(), redactor);
        out.println("Training on \"" + m.title() + "\" (" + (m.severity().isBlank() ? "no severity" : m.severity()) + "). "
                + "The responders reached " + session.responderPath().size() + " pieces of evidence; see how you do.");
        out.println("Hosts: " + String.join(", ", session.hosts()) + ". Metrics: "
                + (session.metrics().isEmpty() ? "none recorded" : String.join(", ", session.metrics())) + ".");
        out.println("Moves: triage HOST | chart METRIC [HOST] | run HOST COMMAND | hypothesis TEXT | done");
        out.println();
        out.println("What you know so far:");
        List<JournalEvent> shown = new ArrayList<>(session.visible().events());
        printer.print(shown);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        while (!session.finished()) {
            out.print("What next? > ");
            out.flush();
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("done") || line.equals("quit") || line.equals("q")) {
                break;
            }
            Optional<TraineeMove> move = parseMove(line);
            if (move.isEmpty()) {
                out.println("Say one of: triage HOST | chart METRIC [HOST] | run HOST COMMAND | hypothesis TEXT | done");
                continue;
            }
            MoveOutcome outcome = session.answer(move.get());
            out.println(outcome.message());
            outcome.evidence().ifPresent(e -> {
                printer.print(List.of(e));
                printer.details(e);
            });
            for (MetricSlice s : outcome.metrics()) {
                out.println("  " + s.host() + " " + s.seriesName() + ": " + sparkSummary(s));
            }
            List<JournalEvent> now = session.visible().events();
            List<JournalEvent> fresh = now.stream().filter(e -> !shown.contains(e) && !outcome.evidence().map(e::equals).orElse(false)).toList();
            if (!fresh.isEmpty()) {
                out.println("Meanwhile:");
                printer.print(fresh);
            }
            shown.clear();
            shown.addAll(now);
        }
        out.println();
        TrainingReport report = session.finish();
        report.describe().forEach(l -> out.println(redactor.redact(l)));
        return Cli.OK;
    }

    @Command(name = "share", description = {"write a copy of a bundle for colleagues and the team library: every text in it",
            "redacted (passwords, tokens, keys, the incident's own redaction list), host names and addresses aliased",
            "(host-1, ip-1) unless --keep-hosts; the copy is verified, and the original is not changed"})
    int share(@Option(names = {"-o", "--output"}, paramLabel = "FILE",
                      description = "where to write the copy (default: NAME-shared.iwbundle beside the bundle)") Path file,
              @Option(names = "--keep-hosts", description = "keep host names and addresses as recorded") boolean keepHosts,
              @Parameters(paramLabel = "BUNDLE", description = "a bundle file or a sample's name") String source) throws Exception {
        Path input = Bundles.bundlePath(source);
        IncidentBundle bundle = IncidentBundle.open(input);
        Path target = file != null ? file
                : Files.isRegularFile(Path.of(source)) ? input.resolveSibling(BundleSharer.sharedName(input.getFileName().toString()))
                : Path.of(BundleSharer.sharedName(input.getFileName().toString()));
        if (Files.exists(target)) {
            throw new UsageException(target + " exists already; name another file with -o FILE.");
        }
        SharingNote note = BundleSharer.share(bundle, target, new BundleSharer.Options(keepHosts, List.of(), AppInfo.product(),
                Instant.now()));
        VerificationReport check = BundleVerifier.verify(target);
        out.println(target);
        err.println("Wrote a copy " + note.describe() + ".");
        err.println(check.describe());
        if (note.leftOut().containsKey("binary-attachment")) {
            err.println("Attachments that are not text cannot be redacted, so they were left out of the copy.");
        }
        return check.ok() ? Cli.OK : Cli.FAILED;
    }

    @Command(name = "library", description = {"list the bundles in a team's incident folder (a git checkout, say), newest first,",
            "and search them: words match the title, host roles, note tags, finding rules, playbook and severity;",
            "role:, tag:, rule:, title:, host:, playbook: and severity: narrow a word to one of them"})
    int library(@Option(names = "--search", paramLabel = "Q", description = "only incidents matching every word of Q") String query,
                @Parameters(paramLabel = "DIR", description = "the library's folder") Path folder) throws Exception {
        BundleLibrary.Listing listing;
        try {
            listing = BundleLibrary.scan(folder);
        } catch (java.io.IOException e) {
            throw new UsageException(e.getMessage());
        }
        listing.problems().forEach(p -> err.println("warning: " + p));
        List<LibraryEntry> found = BundleLibrary.search(listing.entries(), query);
        for (LibraryEntry e : found) {
            out.println(libraryLine(folder, e));
        }
        long originals = listing.entries().stream().filter(e -> !e.shared()).count();
        err.println(listing.entries().size() + (listing.entries().size() == 1 ? " incident" : " incidents") + " in " + folder
                + (originals > 0 ? " (" + originals + " not redacted for sharing)" : "")
                + (query == null || query.isBlank() ? "" : "; " + found.size() + " match '" + query + "'") + ".");
        if (!found.isEmpty()) {
            err.println("Open one with 'workbench playbook replay FILE' or 'workbench playbook train FILE'.");
        }
        return Cli.OK;
    }

    /** One incident of a library: when, severity, title, what it was about, and where it is. */
    static String libraryLine(Path folder, LibraryEntry e) {
        StringBuilder b = new StringBuilder(LIBRARY_TIME.format(e.start())).append("  ")
                .append(String.format("%-5s", e.severity().isBlank() ? "-" : e.severity())).append("  ").append(e.title());
        e.playbook().ifPresent(p -> b.append("  [").append(p).append(']'));
        if (!e.hostRoles().isEmpty()) {
            b.append("  roles: ").append(String.join(", ", e.hostRoles()));
        }
        if (!e.findingRules().isEmpty()) {
            b.append("  findings: ").append(String.join(", ", e.findingRules()));
        }
        if (!e.tags().isEmpty()) {
            b.append("  tags: ").append(String.join(", ", e.tags()));
        }
        return b.append("  ").append(e.shared() ? "" : "(original, not redacted) ").append(folder.relativize(e.file())).toString();
    }

    private static final java.time.format.DateTimeFormatter LIBRARY_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    static Optional<TraineeMove> parseMove(String line) {
        String[] w = line.split("\\s+", 3);
        String verb = w[0].toLowerCase(java.util.Locale.ROOT);
        switch (verb) {
            case "triage":
                return w.length >= 2 ? Optional.of(new TraineeMove.TriageHost(w[1])) : Optional.empty();
            case "chart":
                return w.length >= 2 ? Optional.of(new TraineeMove.ViewChart(w[1], w.length >= 3 ? Optional.of(w[2].strip()) : Optional.empty()))
                        : Optional.empty();
            case "run":
                return w.length >= 3 ? Optional.of(new TraineeMove.RunCommand(w[1], w[2])) : Optional.empty();
            case "hypothesis":
            case "h":
                String text = line.substring(w[0].length()).strip();
                return text.isEmpty() ? Optional.empty() : Optional.of(new TraineeMove.StateHypothesis(text));
            default:
                return Optional.empty();
        }
    }

    static String sparkSummary(MetricSlice s) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = Double.NaN;
        for (int i = 0; i < s.size(); i++) {
            double v = s.valueAt(i);
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                last = v;
            }
        }
        if (Double.isNaN(last)) {
            return "no data yet";
        }
        return s.size() + " points, min " + trim(min) + ", max " + trim(max) + ", latest " + trim(last);
    }

    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
