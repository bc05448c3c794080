package org.incidentworkbench.app.cli;

import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.incidentworkbench.app.format.ProbeSummary;
import org.incidentworkbench.app.format.RecordText;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.parse.InputText;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.ParserInfo;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.parse.Sections;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench parse PROBE FILE [--json] [--raw]}: parses saved or pasted command output (a file
 * from a ticket, a triage's raw text) with the same parsers the triage uses. {@code auto} picks the
 * parser from the text's header; {@code -} reads stdin. Exit 0 when parsed, 1 when the text was not
 * recognised (the reason is printed), 2 on usage errors.
 */
@Command(name = "parse", sortOptions = false,
        description = "parse saved output of w, uptime, ps, ip, df, top, iostat, ss, logs, free or vmstat into data",
        customSynopsis = "workbench parse PROBE FILE [--json] [--raw]",
        footer = {"", "Exit status: 0 parsed, 1 not recognised (the reason is printed), 2 usage error."})
public final class ParseCommand extends CliCommand {

    @Option(names = "--json", description = "print the parsed record as JSON (with the parser's warnings)")
    private boolean json;

    @Option(names = "--raw", description = "print the input split into the sections the parser reads (#### iw-section: lines), unparsed")
    private boolean raw;

    @Parameters(paramLabel = "PROBE FILE", arity = "0..*", description = "the parser (or auto), and the file (- for stdin)")
    private List<String> positional = new ArrayList<>();

    private static final int MAX_WARNINGS_SHOWN = 20;

    private final Supplier<InputStream> stdin;

    public ParseCommand() {
        this(() -> System.in);
    }

    /** With another stdin, for tests. */
    ParseCommand(Supplier<InputStream> stdin) {
        this.stdin = stdin;
    }

    /** The parsers, listed in {@code --help} (they come from the registry, so not an annotation). */
    @picocli.CommandLine.Spec
    void describeParsers(CommandSpec spec) {
        this.spec = spec;
        List<String> lines = new ArrayList<>(List.of("", "Parses saved command output (from a ticket, a chat, a triage's raw text) into data"
                + " with the parsers the triage uses. FILE may be - for stdin. PROBE is one of:"));
        for (OutputParser<?> p : Probes.parsers()) {
            ParserInfo info = p.info();
            // picocli formats footers: a parser's "use %" must reach it as "use %%"
            lines.add(String.format("  %-8s %s (%s)", info.name(), info.description(), String.join(", ", info.commands()))
                    .replace("%", "%%"));
        }
        lines.add("  auto     pick the parser from the text's header");
        lines.add("");
        lines.addAll(List.of(spec.usageMessage().footer()));
        spec.usageMessage().footer(lines.toArray(String[]::new));
    }

    /** The {@code --json} document. */
    public record ParseDocument(String parser, String source, boolean parsed, Optional<Object> data, List<String> warnings,
                                Optional<String> reason) {
    }

    @Override
    public Integer call() throws Exception {
        if (positional.size() != 2) {
            throw new UsageException("give a parser name and a file, for example 'workbench parse df df.txt' or"
                    + " 'ps aux | workbench parse auto -' (parsers: " + parserNames() + ").");
        }
        String name = positional.get(0);
        String file = positional.get(1);
        if (!name.equals("auto") && Probes.parser(name).isEmpty()) {
            throw new UsageException("there is no parser called '" + name + "'; use one of " + parserNames() + ", or auto.");
        }
        try (Reader in = open(file)) {
            return run(name, file, in);
        }
    }

    private Integer run(String name, String file, Reader in) throws IOException {
        // auto decides from a bounded prefix, so noise is refused without reading (or holding) the rest
        String head = readUpTo(in, Parsers.GUESS_PREFIX_CHARS);
        if (!raw && InputText.normalise(head).isBlank() && in.read() < 0) {
            err.println("workbench parse: " + file + " is empty (" + Parsers.NO_DATA_ROWS + "); paste the command's whole"
                    + " output, header and rows.");
            return Cli.FAILED;
        }
        Optional<OutputParser<?>> parser = raw ? Optional.empty()
                : name.equals("auto") ? Probes.guessParser(head) : Probes.parser(name);
        if (!raw && parser.isEmpty()) {
            err.println("workbench parse: could not tell which command printed " + file + " from its first lines; name the"
                    + " parser instead of auto (one of " + parserNames() + ").");
            return Cli.FAILED;
        }
        String text = readRest(in, head);
        if (raw) {
            Map<String, String> sections = Sections.split(text);
            if (json) {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, new LinkedHashMap<>(sections));
                out.println();
            } else {
                sections.forEach((section, body) -> {
                    out.println("---- " + (section.isEmpty() ? "(main command)" : section));
                    out.print(body.endsWith("\n") || body.isEmpty() ? body : body + "\n");
                });
            }
            return Cli.OK;
        }
        ParserInfo info = parser.get().info();
        ParseOutcome<?> outcome = parse(parser.get(), text);
        if (json) {
            ParseDocument doc = outcome instanceof ParseOutcome.Parsed<?> p
                    ? new ParseDocument(info.name(), file, true, Optional.of(p.value()), p.warnings(), Optional.empty())
                    : new ParseDocument(info.name(), file, false, Optional.empty(), List.of(),
                    Optional.of(((ParseOutcome.Unrecognised<?>) outcome).reason()));
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, doc);
            out.println();
        } else if (outcome instanceof ParseOutcome.Parsed<?> p) {
            out.println(info.name() + ": " + ProbeSummary.of(new ProbeResult.Parsed(info.name(), text, 0, Duration.ZERO,
                    p.value(), p.warnings(), List.of())));
            // a long noisy paste has a warning per line: the first ones say what is wrong, --json lists all
            p.warnings().stream().limit(MAX_WARNINGS_SHOWN).forEach(w -> out.println("warning: " + w));
            if (p.warnings().size() > MAX_WARNINGS_SHOWN) {
                out.println("warning: ... and " + (p.warnings().size() - MAX_WARNINGS_SHOWN) + " more (--json lists them all)");
            }
            out.print(RecordText.render(p.value()));
        }
        if (Parsers.isNoDataRows(outcome)) {
            err.println("workbench parse: " + file + " holds no data rows for the " + info.name() + " parser ("
                    + ((ParseOutcome.Unrecognised<?>) outcome).reason() + "); paste the command's whole output, with its rows.");
            return Cli.FAILED;
        }
        if (outcome instanceof ParseOutcome.Unrecognised<?> u) {
            err.println("workbench parse: the " + info.name() + " parser did not recognise " + file + ": " + u.reason());
            return Cli.FAILED;
        }
        return Cli.OK;
    }

    private static <T> ParseOutcome<T> parse(OutputParser<T> parser, String text) {
        return Parsers.parsePasted(parser, text);
    }

    /**
     * Opens the input as text: stray bytes are replaced rather than refusing the whole file (pastes hold
     * them), a directory or a missing file is a usage error saying which.
     */
    private Reader open(String file) throws IOException, UsageException {
        InputStream in;
        if (file.equals("-")) {
            in = stdin.get();
        } else {
            Path p = Path.of(file);
            if (Files.isDirectory(p)) {
                throw new UsageException(p.toAbsolutePath() + " is a directory; give the path of a file of saved command"
                        + " output in it, or - to read stdin.");
            }
            if (!Files.isRegularFile(p)) {
                throw new UsageException("the file " + p.toAbsolutePath() + " does not exist; give the path of saved command"
                        + " output, or - to read stdin.");
            }
            in = Files.newInputStream(p);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    }

    /** Up to {@code max} characters, fewer only at the end of the input. */
    private static String readUpTo(Reader in, int max) throws IOException {
        char[] buf = new char[max];
        int n = 0;
        while (n < max) {
            int r = in.read(buf, n, max - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return new String(buf, 0, n);
    }

    private static String readRest(Reader in, String prefix) throws IOException {
        StringBuilder all = new StringBuilder(prefix);
        char[] buf = new char[1 << 16];
        for (int r; (r = in.read(buf)) >= 0; ) {
            all.append(buf, 0, r);
        }
        return all.toString();
    }

    private static String parserNames() {
        return String.join(", ", Probes.parsers().stream().map(p -> p.info().name()).toList());
    }
}
