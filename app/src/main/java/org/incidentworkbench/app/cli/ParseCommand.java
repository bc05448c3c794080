package org.incidentworkbench.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
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
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.ParserInfo;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.parse.Sections;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;

/**
 * {@code workbench parse PROBE FILE [--json] [--raw]}: parses saved or pasted command output (a file
 * from a ticket, a triage's raw text) with the same parsers the triage uses. {@code auto} picks the
 * parser from the text's header; {@code -} reads stdin. Exit 0 when parsed, 1 when the text was not
 * recognised (the reason is printed), 2 on usage errors.
 */
public final class ParseCommand implements Command {

    private final Supplier<InputStream> stdin;

    public ParseCommand() {
        this(() -> System.in);
    }

    /** With another stdin, for tests. */
    ParseCommand(Supplier<InputStream> stdin) {
        this.stdin = stdin;
    }

    /** The {@code --json} document. */
    public record ParseDocument(String parser, String source, boolean parsed, Optional<Object> data, List<String> warnings,
                                Optional<String> reason) {
    }

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public String summary() {
        return "parse saved output of w, uptime, ps, ip, df, top, iostat, ss, logs, free or vmstat into data";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            printHelp(out);
            return Cli.OK;
        }
        boolean json = false;
        boolean raw = false;
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "--json" -> json = true;
                case "--raw" -> raw = true;
                default -> {
                    if (a.startsWith("-") && !a.equals("-")) {
                        throw new UsageException("there is no option '" + a + "'.");
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 2) {
            throw new UsageException("give a parser name and a file, for example 'workbench parse df df.txt' or"
                    + " 'ps aux | workbench parse auto -' (parsers: " + parserNames() + ").");
        }
        String name = positional.get(0);
        String file = positional.get(1);
        if (!name.equals("auto") && Probes.parser(name).isEmpty()) {
            throw new UsageException("there is no parser called '" + name + "'; use one of " + parserNames() + ", or auto.");
        }
        String text = read(file);
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
        Optional<OutputParser<?>> parser = name.equals("auto") ? Probes.guessParser(text) : Probes.parser(name);
        if (parser.isEmpty()) {
            err.println("workbench parse: could not tell which command printed " + file + " from its first lines; name the"
                    + " parser instead of auto (one of " + parserNames() + ").");
            return Cli.FAILED;
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
            for (String w : p.warnings()) {
                out.println("warning: " + w);
            }
            out.print(RecordText.render(p.value()));
        }
        if (outcome instanceof ParseOutcome.Unrecognised<?> u) {
            err.println("workbench parse: the " + info.name() + " parser did not recognise " + file + ": " + u.reason());
            return Cli.FAILED;
        }
        return Cli.OK;
    }

    private static <T> ParseOutcome<T> parse(OutputParser<T> parser, String text) {
        return Parsers.safeParse(parser, text);
    }

    private String read(String file) throws IOException, UsageException {
        byte[] bytes;
        if (file.equals("-")) {
            bytes = stdin.get().readAllBytes();
        } else {
            Path p = Path.of(file);
            if (!Files.isRegularFile(p)) {
                throw new UsageException("the file " + p.toAbsolutePath() + " does not exist; give the path of saved command"
                        + " output, or - to read stdin.");
            }
            bytes = Files.readAllBytes(p);
        }
        // pasted text may hold stray bytes: replace them rather than refuse the whole file
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    }

    private static String parserNames() {
        return String.join(", ", Probes.parsers().stream().map(p -> p.info().name()).toList());
    }

    private static void printHelp(PrintStream out) {
        out.println("Usage: workbench parse PROBE FILE [--json] [--raw]");
        out.println();
        out.println("Parses saved command output (from a ticket, a chat, a triage's raw text) into data with the");
        out.println("parsers the triage uses. FILE may be - for stdin. PROBE is one of:");
        for (OutputParser<?> p : Probes.parsers()) {
            ParserInfo info = p.info();
            out.printf("  %-8s %s (%s)%n", info.name(), info.description(), String.join(", ", info.commands()));
        }
        out.println("  auto     pick the parser from the text's header");
        out.println();
        out.println("Options:");
        out.println("  --json   print the parsed record as JSON (with the parser's warnings)");
        out.println("  --raw    print the input split into the sections the parser reads (#### iw-section: lines), unparsed");
        out.println();
        out.println("Exit status: 0 parsed, 1 not recognised (the reason is printed), 2 usage error.");
    }
}
