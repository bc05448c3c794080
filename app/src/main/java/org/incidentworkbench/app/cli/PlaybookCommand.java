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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.incidentworkbench.app.AppInfo;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.app.services.IncidentRecording;
import org.incidentworkbench.app.services.IncidentService;
import org.incidentworkbench.app.services.MetricSliceSource;
import org.incidentworkbench.app.services.StoreMetricSlices;
import org.incidentworkbench.playbooks.bundle.BundleException;
import org.incidentworkbench.playbooks.bundle.BundleFormat;
import org.incidentworkbench.playbooks.bundle.BundleManifest;
import org.incidentworkbench.playbooks.bundle.BundleVerifier;
import org.incidentworkbench.playbooks.bundle.IncidentBundle;
import org.incidentworkbench.playbooks.bundle.MetricSlice;
import org.incidentworkbench.playbooks.bundle.VerificationReport;
import org.incidentworkbench.playbooks.export.EventText;
import org.incidentworkbench.playbooks.export.PostmortemExporter;
import org.incidentworkbench.playbooks.export.Redactor;
import org.incidentworkbench.playbooks.journal.JournalContents;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.playbooks.journal.JournalReader;
import org.incidentworkbench.playbooks.replay.IncidentTimeline;
import org.incidentworkbench.playbooks.replay.ReplayClock;
import org.incidentworkbench.playbooks.replay.ReplayState;
import org.incidentworkbench.playbooks.replay.TickSource;
import org.incidentworkbench.playbooks.training.MoveOutcome;
import org.incidentworkbench.playbooks.training.TraineeMove;
import org.incidentworkbench.playbooks.training.TrainingReport;
import org.incidentworkbench.playbooks.training.TrainingSession;
import org.incidentworkbench.timeseries.TimeSeriesStore;

/**
 * {@code workbench playbook verify|export|replay|train BUNDLE} and {@code new|note|close|list} to
 * record an incident from the terminal. Bundles open without servers or the metrics database;
 * {@code close} reads the metrics store (if there is one) to cut the bundle's metric slices.
 */
public final class PlaybookCommand implements Command {

    private static final String SAMPLES = "samples/";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
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

    @Override
    public String name() {
        return "playbook";
    }

    @Override
    public String summary() {
        return "record incidents, verify, replay, train on and export incident bundles (.iwbundle)";
    }

    private static void help(PrintStream out) {
        out.println("Usage: workbench playbook verify BUNDLE...");
        out.println("       workbench playbook export BUNDLE|JOURNAL [-o FILE] [--no-redact]");
        out.println("       workbench playbook replay BUNDLE [--speed X|max] [--no-skip-idle] [--no-redact]");
        out.println("       workbench playbook train BUNDLE");
        out.println("       workbench playbook new TITLE [--severity S] [--host HOST]... [--summary TEXT]");
        out.println("       workbench playbook note [--id ID] [--tag TAG]... TEXT");
        out.println("       workbench playbook attach [--id ID] FILE [--name NAME]");
        out.println("       workbench playbook close [--id ID] [--summary T] [--impact T] [--root-cause T] [--trigger T]");
        out.println("                                [--resolution T] [--detection T] [--db FILE | --no-metrics]");
        out.println("       workbench playbook list");
        out.println();
        out.println("BUNDLE is an .iwbundle file or the name of a shipped sample (" + String.join(", ", sampleNames()) + ").");
        out.println();
        out.println("verify   checks a bundle's checksums and schema and says exactly what is wrong (exit 1 if anything is).");
        out.println("export   writes a Markdown postmortem (SRE book template) to stdout or FILE; secrets are redacted");
        out.println("         unless --no-redact is given (passwords, tokens, keys, Authorization headers, user:pass@ URLs).");
        out.println("replay   prints the incident's timeline as it plays, at --speed X (0.5 to 100, default "
                + (int) DEFAULT_SPEED + ") with idle time");
        out.println("         skipped, or --speed max to print it at once.");
        out.println("train    plays the incident as a training exercise: you say what to check next (triage HOST, chart");
        out.println("         METRIC [HOST], run HOST COMMAND, hypothesis TEXT, done) and are compared with the responders.");
        out.println("new, note, attach, close, list   record an incident from the terminal; close seals it into a bundle in");
        out.println("         the incidents directory (" + IncidentService.defaultDirectory() + "), with the metric slices of");
        out.println("         its hosts from the metrics store (--db FILE, default " + TimeSeriesStore.defaultPath() + " if it exists).");
        out.println("Note tags the postmortem sorts by: impact, detection, trigger, root-cause, resolution, went-well, went-wrong,");
        out.println("got-lucky, action-item.");
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            help(out);
            return args.isEmpty() ? Cli.USAGE : Cli.OK;
        }
        if (args.contains("--help") || args.contains("-h")) {
            help(out);
            return Cli.OK;
        }
        List<String> rest = args.subList(1, args.size());
        switch (args.get(0)) {
            case "verify":
                return verify(rest, out);
            case "export":
                return export(rest, out, err);
            case "replay":
                return replay(rest, out, err);
            case "train":
                return train(rest, out, err);
            case "new":
                return newIncident(rest, out, err);
            case "note":
                return note(rest, out);
            case "attach":
                return attach(rest, out);
            case "close":
                return close(rest, out, err);
            case "list":
                return list(out);
            default:
                throw new UsageException("'" + args.get(0) + "' is not a playbook subcommand; use verify, export, replay, train, "
                        + "new, note, attach, close or list.");
        }
    }

    // ---- verify, export, replay, train

    private int verify(List<String> args, PrintStream out) throws UsageException, IOException {
        if (args.isEmpty()) {
            throw new UsageException("verify needs at least one bundle file.");
        }
        boolean allOk = true;
        for (String a : args) {
            VerificationReport r = BundleVerifier.verify(bundlePath(a));
            out.println(r.describe());
            allOk &= r.ok();
        }
        return allOk ? Cli.OK : Cli.FAILED;
    }

    private int export(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("-o", "--output"), List.of("--no-redact"));
        String source = o.single("export needs one bundle (.iwbundle) or journal (.jsonl) file.");
        Path input = source.endsWith(".jsonl") ? Path.of(source) : bundlePath(source);
        Redactor redactor = o.flag("--no-redact") ? Redactor.none() : Redactor.standard();
        String markdown;
        if (input.getFileName().toString().endsWith(".jsonl")) {
            markdown = PostmortemExporter.toMarkdown(eventsOf(input, err), redactor);
        } else {
            IncidentBundle bundle = open(input);
            markdown = PostmortemExporter.toMarkdown(bundle.events(), bundle.metrics(), redactor);
        }
        Optional<String> file = o.value("-o").or(() -> o.value("--output"));
        if (file.isPresent()) {
            Files.writeString(Path.of(file.get()), markdown, StandardCharsets.UTF_8);
            err.println("Wrote the postmortem draft to " + file.get() + (redactor.enabled() ? " (secrets redacted)." : " (NOT redacted)."));
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
        return open(file).events();
    }

    /** The shipped samples' names ({@code disk-full}...), from {@code samples/index.json} in the jar. */
    static List<String> sampleNames() {
        try (InputStream index = PlaybookCommand.class.getClassLoader().getResourceAsStream(SAMPLES + "index.json")) {
            if (index == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            org.incidentworkbench.json.Json.mapper().readTree(index)
                    .forEach(e -> names.add(e.path("file").asText().replace(BundleFormat.EXTENSION, "")));
            return names;
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * A bundle file as given, or, when no such file exists, the shipped sample of that name ({@code disk-full},
     * {@code disk-full.iwbundle}) copied out of the jar to a temporary file, so a new user can replay one at once.
     */
    static Path bundlePath(String arg) throws IOException, UsageException {
        Path path = Path.of(arg);
        if (Files.exists(path)) {
            return path;
        }
        String name = arg.endsWith(BundleFormat.EXTENSION) ? arg : arg + BundleFormat.EXTENSION;
        if (!name.contains("/") && !name.contains("\\")) {
            try (InputStream in = PlaybookCommand.class.getClassLoader().getResourceAsStream(SAMPLES + name)) {
                if (in != null) {
                    Path copy = Files.createTempFile("iw-sample-", "-" + name);
                    copy.toFile().deleteOnExit();
                    Files.write(copy, in.readAllBytes());
                    return copy;
                }
            }
        }
        List<String> samples = sampleNames();
        throw new UsageException("there is no file " + arg + (samples.isEmpty() ? "." : ", and no shipped sample of that name "
                + "(the samples are " + String.join(", ", samples) + ")."));
    }

    private static IncidentBundle open(Path file) throws BundleException {
        return IncidentBundle.open(file);
    }

    private int replay(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--speed"), List.of("--no-skip-idle", "--no-redact"));
        IncidentBundle bundle = open(bundlePath(o.single("replay needs one bundle file (or a sample's name).")));
        Redactor redactor = o.flag("--no-redact") ? Redactor.none() : Redactor.standard();
        String speedText = o.value("--speed").orElse(String.valueOf(DEFAULT_SPEED));
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
        clock.setSkipIdle(!o.flag("--no-skip-idle"));
        BundleManifest m = bundle.manifest();
        out.println("Replaying \"" + m.title() + "\" (" + m.id() + (m.severity().isBlank() ? "" : ", " + m.severity()) + "): "
                + m.eventCount() + " events over " + human(m.duration()) + ", "
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
        out.println("End of the recording (" + human(m.duration()) + ").");
        return Cli.OK;
    }

    private int train(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of(), List.of());
        IncidentBundle bundle = open(bundlePath(o.single("train needs one bundle file (or a sample's name).")));
        IncidentTimeline timeline = IncidentTimeline.of(bundle);
        TrainingSession session = TrainingSession.over(timeline);
        BundleManifest m = bundle.manifest();
        if (session.responderPath().isEmpty()) {
            err.println("The responders recorded no evidence in this incident (no triage, chart, command or confirmed "
                    + "hypothesis), so there is nothing to train on; replay it instead.");
            return Cli.FAILED;
        }
        EventPrinter printer = new EventPrinter(out, timeline.start(), Redactor.standard());
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
        report.describe().forEach(l -> out.println(Redactor.standard().redact(l)));
        return Cli.OK;
    }

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

    // ---- recording from the terminal

    private IncidentService service() {
        return IncidentService.standard(AppInfo.product());
    }

    private int newIncident(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--severity", "--host", "--summary"), List.of());
        String title = String.join(" ", o.positional());
        if (title.isBlank()) {
            throw new UsageException("new needs a title, for example: workbench playbook new \"web-1 returns 500s\" --host web-1");
        }
        IncidentService service = service();
        try (IncidentRecording r = service.open(title, o.value("--severity").orElse(""), o.values("--host"), o.value("--summary"))) {
            out.println(r.id());
            err.println("Recording incident " + r.id() + " in " + r.journalFile() + ". Add notes with 'workbench playbook note', "
                    + "close it with 'workbench playbook close'.");
        }
        return Cli.OK;
    }

    private String incidentId(IncidentService service, Options o) throws Exception {
        if (o.value("--id").isPresent()) {
            return o.value("--id").get();
        }
        List<String> open = service.openIncidents();
        if (open.size() == 1) {
            return open.get(0);
        }
        if (open.isEmpty()) {
            throw new UsageException("there is no open incident; start one with 'workbench playbook new TITLE'.");
        }
        throw new UsageException(open.size() + " incidents are open (" + String.join(", ", open) + "); say which with --id ID.");
    }

    private int note(List<String> args, PrintStream out) throws Exception {
        Options o = Options.parse(args, List.of("--id", "--tag"), List.of());
        String text = String.join(" ", o.positional());
        if (text.isBlank()) {
            throw new UsageException("note needs the note's text.");
        }
        IncidentService service = service();
        String id = incidentId(service, o);
        try (IncidentRecording r = service.resume(id)) {
            r.note(text, o.values("--tag"));
        }
        out.println("Noted in " + id + ".");
        return Cli.OK;
    }

    private int attach(List<String> args, PrintStream out) throws Exception {
        Options o = Options.parse(args, List.of("--id", "--name"), List.of());
        Path file = Path.of(o.single("attach needs one file."));
        if (!Files.isRegularFile(file)) {
            throw new UsageException("there is no file " + file + " to attach.");
        }
        String name = o.value("--name").orElse(file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"));
        IncidentService service = service();
        String id = incidentId(service, o);
        try (IncidentRecording r = service.resume(id)) {
            r.attach(name, Files.readAllBytes(file));
        }
        out.println("Attached " + name + " to " + id + "; it goes into the bundle when the incident is closed.");
        return Cli.OK;
    }

    private int close(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, List.of("--id", "--summary", "--impact", "--root-cause", "--trigger", "--resolution",
                "--detection", "--db"), List.of("--no-metrics"));
        IncidentService service = service();
        String id = incidentId(service, o);
        JournalEvent.IncidentClosed closing = null;
        IncidentService.Sealed sealed;
        try (IncidentRecording r = service.resume(id)) {
            closing = new JournalEvent.IncidentClosed(r.now(), r.actor(), o.value("--summary"), o.value("--impact"),
                    o.value("--root-cause"), o.value("--trigger"), o.value("--resolution"), o.value("--detection"));
            Optional<Path> db = o.flag("--no-metrics") ? Optional.empty()
                    : o.value("--db").map(Path::of).or(() -> Optional.of(TimeSeriesStore.defaultPath()).filter(Files::exists));
            if (db.isPresent()) {
                if (!Files.exists(db.get())) {
                    throw new UsageException("there is no metrics store " + db.get() + "; give --db FILE or --no-metrics.");
                }
                try (TimeSeriesStore store = MetricStores.open(db.get())) {
                    sealed = service.closeAndSeal(r, closing, new StoreMetricSlices(store), List.of());
                }
            } else {
                err.println("No metrics store: the bundle will hold the journal only.");
                sealed = service.closeAndSeal(r, closing, MetricSliceSource.NONE, List.of());
            }
        }
        BundleManifest m = sealed.manifest();
        out.println(sealed.bundle());
        err.println("Sealed " + id + ": " + m.eventCount() + " events, " + (m.entries().size() - 1) + " metric and attachment entries, "
                + Files.size(sealed.bundle()) + " bytes.");
        return Cli.OK;
    }

    private int list(PrintStream out) throws Exception {
        IncidentService service = service();
        List<String> open = service.openIncidents();
        List<Path> bundles = service.bundles();
        out.println("Incidents in " + service.directory() + ":");
        if (open.isEmpty() && bundles.isEmpty()) {
            out.println("  none yet; start one with 'workbench playbook new TITLE'.");
        }
        open.forEach(id -> out.println("  open    " + id));
        for (Path b : bundles) {
            out.println("  sealed  " + b.getFileName() + " (" + Files.size(b) + " bytes)");
        }
        List<String> samples = sampleNames();
        if (!samples.isEmpty()) {
            out.println("Shipped samples (replay, train or export them by name, e.g. 'workbench playbook train " + samples.get(0) + "'):");
            samples.forEach(n -> out.println("  " + n));
        }
        return Cli.OK;
    }

    // ---- helpers

    /** Prints events as "[+mm:ss hh:mm:ss] actor  text", with a triage's findings and a command's first lines below. */
    static final class EventPrinter {
        private final PrintStream out;
        private final Instant start;
        private final Redactor redactor;

        EventPrinter(PrintStream out, Instant start, Redactor redactor) {
            this.out = out;
            this.start = start;
            this.redactor = redactor;
        }

        void print(List<JournalEvent> events) {
            UnaryOperator<String> inline = t -> redactor.redact(t).strip().replace("\n", " ");
            for (JournalEvent e : events) {
                long s = Math.max(0, Duration.between(start.truncatedTo(ChronoUnit.SECONDS), e.time().truncatedTo(ChronoUnit.SECONDS)).getSeconds());
                out.printf("[+%02d:%02d %s] %-10s %s%n", s / 60, s % 60, CLOCK.format(e.time()), e.actor(),
                        EventText.oneLine(e, inline, CLOCK::format));
            }
        }

        void details(JournalEvent e) {
            if (e instanceof JournalEvent.CommandOutput c) {
                List<String> lines = redactor.redact(c.output()).lines().toList();
                lines.stream().limit(15).forEach(l -> out.println("    " + l));
                if (lines.size() > 15) {
                    out.println("    ... (" + (lines.size() - 15) + " more lines)");
                }
            } else if (e instanceof JournalEvent.TriageRun t) {
                t.report().path("findings").forEach(f -> out.println("    " + f.path("severity").asText() + "  "
                        + redactor.redact(f.path("title").asText()) + " — " + redactor.redact(f.path("evidence").asText())
                        + (f.path("hint").asText("").isEmpty() ? "" : System.lineSeparator() + "      hint: " + f.path("hint").asText())));
            }
        }
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? s / 3600 + " h " + (s % 3600) / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }

    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    /** Minimal option parsing: options with one value, flags, and positional words. */
    static final class Options {
        private final List<String[]> values = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
        private final List<String> positional = new ArrayList<>();

        static Options parse(List<String> args, List<String> withValue, List<String> flagNames) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String name = a.contains("=") && a.startsWith("--") ? a.substring(0, a.indexOf('=')) : a;
                if (withValue.contains(name)) {
                    String v;
                    if (!name.equals(a)) {
                        v = a.substring(a.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        v = args.get(++i);
                    } else {
                        throw new UsageException(a + " needs a value.");
                    }
                    o.values.add(new String[] {name, v});
                } else if (flagNames.contains(a)) {
                    o.flags.add(a);
                } else if (a.startsWith("-") && a.length() > 1 && !a.equals("--")) {
                    throw new UsageException("'" + a + "' is not an option here.");
                } else {
                    o.positional.add(a);
                }
            }
            return o;
        }

        Optional<String> value(String name) {
            String found = null;
            for (String[] v : values) {
                if (v[0].equals(name)) {
                    found = v[1];
                }
            }
            return Optional.ofNullable(found);
        }

        List<String> values(String name) {
            return values.stream().filter(v -> v[0].equals(name)).map(v -> v[1]).toList();
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        List<String> positional() {
            return positional;
        }

        String single(String message) throws UsageException {
            if (positional.size() != 1) {
                throw new UsageException(message);
            }
            return positional.get(0);
        }
    }
}
