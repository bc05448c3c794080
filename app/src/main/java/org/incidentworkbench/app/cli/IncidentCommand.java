package org.incidentworkbench.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.incidentworkbench.app.AppInfo;
import org.incidentworkbench.app.format.Bytes;
import org.incidentworkbench.app.services.IncidentRecording;
import org.incidentworkbench.app.services.IncidentService;
import org.incidentworkbench.app.services.MetricSliceSource;
import org.incidentworkbench.app.services.MetricStores;
import org.incidentworkbench.app.services.StoreMetricSlices;
import org.incidentworkbench.playbooks.bundle.BundleManifest;
import org.incidentworkbench.playbooks.journal.JournalEvent;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench incident new|note|attach|close|list}: records an incident from the terminal into the
 * incidents directory; {@code close} seals it into an {@code .iwbundle} with the metric slices of its hosts
 * from the metrics store (if there is one). The old spellings {@code workbench playbook new ...} still work.
 */
@Command(name = "incident", synopsisSubcommandLabel = "SUBCOMMAND",
        description = "record an incident from the terminal: new, note, attach, close (seals it into a bundle), list",
        footer = {"", "Note tags the postmortem sorts by: impact, detection, trigger, root-cause, resolution, went-well, went-wrong,",
                "got-lucky, action-item."})
public final class IncidentCommand extends CliCommand {

    private final java.io.InputStream in;

    public IncidentCommand() {
        this(System.in);
    }

    /** {@code in}: where {@code note -} reads the note (tests pass their own). */
    IncidentCommand(java.io.InputStream in) {
        this.in = in;
    }

    /** Where the recordings go, for the help's description. */
    @picocli.CommandLine.Spec
    void describe(picocli.CommandLine.Model.CommandSpec spec) {
        this.spec = spec;
        spec.usageMessage().description(spec.usageMessage().description()[0], "", "Records an incident from the terminal; close seals it into a bundle in the incidents directory ("
                + IncidentService.defaultDirectory() + "), with the metric slices of its hosts from the metrics store (--db FILE,"
                + " default " + TimeSeriesStore.defaultPath() + " if it exists).");
    }

    private IncidentService service() {
        return IncidentService.standard(AppInfo.product());
    }

    @Command(name = "new", description = "open an incident; prints its id")
    int newIncident(@Option(names = "--severity", paramLabel = "S", defaultValue = "", description = "SEV-1 ... SEV-4") String severity,
                    @Option(names = "--host", paramLabel = "HOST", description = "a host involved (repeatable)") List<String> hosts,
                    @Option(names = "--summary", paramLabel = "TEXT", description = "what is known so far") String summary,
                    @Parameters(paramLabel = "TITLE", arity = "0..*", description = "the incident's title") List<String> words)
            throws Exception {
        String title = words == null ? "" : String.join(" ", words);
        if (title.isBlank()) {
            throw new UsageException("new needs a title, for example: workbench incident new \"web-1 returns 500s\" --host web-1");
        }
        IncidentService service = service();
        try (IncidentRecording r = service.open(title, severity, hosts == null ? List.of() : hosts, Optional.ofNullable(summary))) {
            out.println(r.id());
            err.println("Recording incident " + r.id() + " in " + r.journalFile() + ". Add notes with 'workbench incident note', "
                    + "close it with 'workbench incident close'.");
        }
        return Cli.OK;
    }

    private String incidentId(IncidentService service, String given) throws Exception {
        if (given != null) {
            return given;
        }
        List<String> open = service.openIncidents();
        if (open.size() == 1) {
            return open.get(0);
        }
        if (open.isEmpty()) {
            throw new UsageException("there is no open incident; start one with 'workbench incident new TITLE'.");
        }
        throw new UsageException(open.size() + " incidents are open (" + String.join(", ", open) + "); say which with --id ID.");
    }

    @Command(name = "note", description = {"add a note to the open incident: the words after the options, the text of FILE, or",
            "standard input when TEXT is '-'. A note that starts with '-' (a key block, a diff) goes after '--'."})
    int note(@Option(names = "--id", paramLabel = "ID", description = "which incident, when several are open") String id,
             @Option(names = "--tag", paramLabel = "TAG", description = "a postmortem tag (repeatable)") List<String> tags,
             @Option(names = "--file", paramLabel = "FILE", description = "take the note's text from this file") Path file,
             @Parameters(paramLabel = "TEXT", arity = "0..*", description = "the note, '-' for standard input") List<String> words)
            throws Exception {
        String text = noteText(file, words == null ? List.of() : words);
        IncidentService service = service();
        String incident = incidentId(service, id);
        try (IncidentRecording r = service.resume(incident)) {
            r.note(text, tags == null ? List.of() : tags);
        }
        out.println("Noted in " + incident + ".");
        return Cli.OK;
    }

    /** The note from exactly one source: the words, {@code --file}, or standard input ({@code -}). */
    private String noteText(Path file, List<String> words) throws Exception {
        boolean stdin = words.size() == 1 && words.get(0).equals("-");
        if (file != null && !words.isEmpty()) {
            throw new UsageException("note takes its text from the words or from --file, not both.");
        }
        String text;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new UsageException("there is no file " + file + " to take the note from.");
            }
            text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } else if (stdin) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } else {
            text = String.join(" ", words);
        }
        // a trailing line end is how files and pipes end, not part of the note
        text = text.stripTrailing();
        if (text.isBlank()) {
            throw new UsageException(stdin ? "standard input held no text for the note."
                    : file != null ? file + " holds no text for the note." : "note needs the note's text.");
        }
        return text;
    }

    /**
     * What to say when a note starting with '-' was taken for an option (picocli's parse error, via
     * {@link Cli}): how to pass such a note.
     */
    static String dashedNote(String first) {
        String shown = first.length() > 30 ? first.substring(0, 30) + "..." : first;
        return "'" + shown.replace("\n", " ") + "' starts with '-', so it reads as an option; to note it, put it after '--' "
                + "(workbench incident note -- '" + shown.replace("\n", " ") + "'), or pass it with --file FILE, or as '-' to "
                + "read it from standard input.";
    }

    @Command(name = "attach", description = "attach a file; it goes into the bundle when the incident is closed")
    int attach(@Option(names = "--id", paramLabel = "ID", description = "which incident, when several are open") String id,
               @Option(names = "--name", paramLabel = "NAME", description = "the attachment's name (default: the file's)") String name,
               @Parameters(paramLabel = "FILE", description = "the file to attach") Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("there is no file " + file + " to attach.");
        }
        String entry = name != null ? name : file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        IncidentService service = service();
        String incident = incidentId(service, id);
        try (IncidentRecording r = service.resume(incident)) {
            r.attach(entry, Files.readAllBytes(file));
        }
        out.println("Attached " + entry + " to " + incident + "; it goes into the bundle when the incident is closed.");
        return Cli.OK;
    }

    @Command(name = "close", sortOptions = false, description = "close the incident and seal it into a bundle; prints the bundle's path")
    int close(@Option(names = "--id", paramLabel = "ID", description = "which incident, when several are open") String id,
              @Option(names = "--summary", paramLabel = "T") String summary,
              @Option(names = "--impact", paramLabel = "T") String impact,
              @Option(names = "--root-cause", paramLabel = "T") String rootCause,
              @Option(names = "--trigger", paramLabel = "T") String trigger,
              @Option(names = "--resolution", paramLabel = "T") String resolution,
              @Option(names = "--detection", paramLabel = "T") String detection,
              @Option(names = "--db", paramLabel = "FILE", description = "the metrics store to cut the slices from") Path dbFile,
              @Option(names = "--no-metrics", description = "seal the journal only") boolean noMetrics) throws Exception {
        IncidentService service = service();
        String incident = incidentId(service, id);
        IncidentService.Sealed sealed;
        try (IncidentRecording r = service.resume(incident)) {
            JournalEvent.IncidentClosed closing = new JournalEvent.IncidentClosed(r.now(), r.actor(), Optional.ofNullable(summary),
                    Optional.ofNullable(impact), Optional.ofNullable(rootCause), Optional.ofNullable(trigger),
                    Optional.ofNullable(resolution), Optional.ofNullable(detection));
            Optional<Path> db = noMetrics ? Optional.empty()
                    : Optional.ofNullable(dbFile).or(() -> Optional.of(TimeSeriesStore.defaultPath()).filter(Files::exists));
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
        err.println("Sealed " + incident + ": " + m.eventCount() + " events, " + (m.entries().size() - 1) + " metric and attachment entries, "
                + Bytes.human(Files.size(sealed.bundle())) + ".");
        return Cli.OK;
    }

    @Command(name = "list", description = "open incidents, sealed bundles and the shipped samples")
    int list() throws Exception {
        IncidentService service = service();
        List<String> open = service.openIncidents();
        List<Path> bundles = service.bundles();
        out.println("Incidents in " + service.directory() + ":");
        if (open.isEmpty() && bundles.isEmpty()) {
            out.println("  none yet; start one with 'workbench incident new TITLE'.");
        }
        open.forEach(id -> out.println("  open    " + id));
        for (Path b : bundles) {
            out.println("  sealed  " + b.getFileName() + " (" + Bytes.human(Files.size(b)) + ")");
        }
        List<String> samples = Bundles.sampleNames();
        if (!samples.isEmpty()) {
            out.println("Shipped samples (replay, train or export them by name, e.g. 'workbench playbook train " + samples.get(0) + "'):");
            samples.forEach(n -> out.println("  " + n));
        }
        return Cli.OK;
    }
}
