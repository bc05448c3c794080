package org.incidentworkbench.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.cli.ParseCommand;
import org.incidentworkbench.json.Json;
import org.incidentworkbench.parse.OutputParser;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.probe.Probes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code workbench bench parse}: what {@code workbench parse auto FILE} costs on a large paste that is no
 * command's output (random printable text, invalid UTF-8 bytes, ANSI escapes, NULs), and on the same noise
 * after a real {@code ps aux} header and rows. Per input: the median wall time of the whole command run in
 * this JVM (reading, deciding, parsing, printing to a discarded stream), the time to decide from the
 * bounded prefix, and the peak heap during one run (sum of the heap pools' peaks after a reset, an upper
 * bound). Baseline, same run: the old way, reading the whole file and asking every parser's recogniser
 * about all of it before parsing.
 */
@Command(name = "parse", sortOptions = false,
        description = "workbench parse auto on a large noisy paste: time, decision time, peak heap; baseline whole-text guess",
        footer = {"", "Baseline: read the whole file, every recogniser over the whole text, then parse (the old way), same run."})
final class ParseBenchmark extends CliCommand {

    @Option(names = "--megabytes", paramLabel = "MB", description = "size of each generated input (default ${DEFAULT-VALUE})")
    private int megabytes = 50;

    @Option(names = "--runs", paramLabel = "N", description = "timed runs per input (default ${DEFAULT-VALUE})")
    private int runs = 5;

    /** The start of a real ps aux (procps-ng 4.0.2, Debian 12). */
    static final String PS_AUX = """
            USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND
            root           1  0.3  0.0 51636 16524 ?        S<Ll Dec02   1:15 /process_api --firecracker-init
            root           2  0.0  0.0      0     0 ?        S    Dec02   0:00 [kthreadd]
            root        5750  0.0  0.0  15436  9100 ?        Ss   05:20   0:00 sshd: /usr/sbin/sshd -D -e [listener] 0 of 100-200 startups
            """;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("bench-parse");
        try {
            ObjectNode json = Json.mapper().createObjectNode();
            json.put("benchmark", "parse");
            json.put("runs", runs);
            json.put("guessPrefixChars", Parsers.GUESS_PREFIX_CHARS);
            json.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1 << 20));
            ArrayNode inputs = json.putArray("inputs");
            long bytes = (long) megabytes << 20;
            for (String[] in : new String[][] {{"noise", ""}, {"ps aux header, then noise", PS_AUX}}) {
                Path file = dir.resolve(in[0].replaceAll("\\W+", "-") + ".txt");
                write(file, in[1], bytes);
                err.println("bench parse: " + in[0] + " (" + Files.size(file) + " bytes)...");
                String[] args = {"parse", "auto", file.toString()};
                int[] exit = new int[1];
                Measured cli = measure(() -> exit[0] = runCli(args));
                Measured decide = measure(() -> decide(file));
                Measured baseline = measure(() -> baseline(file));
                ObjectNode o = inputs.addObject();
                o.put("input", in[0]);
                o.put("bytes", Files.size(file));
                o.put("exitStatus", exit[0]);
                o.put("parseAutoMedianMs", cli.medianMs);
                o.put("parseAutoPeakHeapMb", cli.peakHeapMb);
                o.put("decideMedianMs", decide.medianMs);
                o.put("decidePeakHeapMb", decide.peakHeapMb);
                o.put("baselineMedianMs", baseline.medianMs);
                o.put("baselinePeakHeapMb", baseline.peakHeapMb);
                o.put("ratioToBaseline", Math.round(cli.medianMs / baseline.medianMs * 10000) / 10000.0);
                Files.delete(file);
            }
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            return Cli.OK;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Deterministic noise: printable lines, some invalid UTF-8, colour escapes and NULs, after {@code head}. */
    private static void write(Path file, String head, long bytes) throws IOException {
        Random r = new Random(12);
        try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            o.write(h);
            long n = h.length;
            byte[] line = new byte[256];
            while (n < bytes) {
                int len = r.nextInt(200);
                for (int i = 0; i < len; i++) {
                    int k = r.nextInt(1000);
                    line[i] = (byte) (k < 3 ? 0xC3 + r.nextInt(40) : k < 5 ? 0x1B : k < 6 ? 0 : 32 + r.nextInt(95));
                }
                line[len] = '\n';
                o.write(line, 0, len + 1);
                n += len + 1;
            }
        }
    }

    private static int runCli(String[] args) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        return new Cli(List.of(new ParseCommand())).run(List.of(args), sink, sink);
    }

    /** What auto does before reading the rest: decode the first characters and ask each recogniser. */
    private static int decide(Path file) {
        try (var in = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
            char[] buf = new char[Parsers.GUESS_PREFIX_CHARS];
            int n = 0;
            for (int r; n < buf.length && (r = in.read(buf, n, buf.length - n)) >= 0; ) {
                n += r;
            }
            return Probes.guessParser(new String(buf, 0, Math.max(0, n))).isPresent() ? 1 : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The old way: all of the file as one string, every recogniser over all of it, then the parse. */
    private static int baseline(Path file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            Optional<OutputParser<?>> found = Optional.empty();
            for (OutputParser<?> p : Probes.parsers()) {
                try {
                    if (p.recognises(text)) {
                        found = Optional.of(p);
                        break;
                    }
                } catch (RuntimeException e) {
                    // as the old guess did
                }
            }
            return found.map(p -> Parsers.safeParse(p, text) instanceof org.incidentworkbench.parse.ParseOutcome.Parsed<?> ? 1 : 2)
                    .orElse(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Measured(double medianMs, double peakHeapMb) {
    }

    /** Median over {@link #runs} after one warm-up; the peak heap of one further run. */
    private Measured measure(java.util.function.IntSupplier work) {
        work.getAsInt();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.getAsInt();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        work.getAsInt();
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Measured(round(ms[runs / 2]), round(peak / 1048576.0));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
