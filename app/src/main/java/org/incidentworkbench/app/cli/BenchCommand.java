package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code workbench bench NAME [ARGS]}: runs one of the product's benchmarks and prints JSON. */
public final class BenchCommand implements Command {

    private final List<Benchmark> benchmarks;

    public BenchCommand() {
        List<Benchmark> all = new ArrayList<>();
        // Benchmarks register here, one line each.
        all.add(new StoreBenchmark());
        all.add(new TriageBenchmark());
        all.add(new SampleBenchmark());
        all.add(new org.incidentworkbench.app.ui.bench.UiBenchmark());
        this.benchmarks = List.copyOf(all);
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "run a benchmark and print its figures as JSON (medians, baseline from the same run)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.println("Usage: workbench bench NAME [ARGS]   (workbench bench NAME --help for its options)");
            out.println("Runs a benchmark; progress goes to stderr, one JSON document to stdout.");
            out.println();
            out.println("Benchmarks:");
            for (Benchmark b : benchmarks) {
                out.printf("  %-10s %s%n", b.name(), b.summary());
            }
            return args.isEmpty() ? Cli.USAGE : Cli.OK;
        }
        Optional<Benchmark> bench = benchmarks.stream().filter(b -> b.name().equals(args.get(0))).findFirst();
        if (bench.isEmpty()) {
            throw new UsageException("there is no benchmark called '" + args.get(0) + "'.");
        }
        return bench.get().run(args.subList(1, args.size()), out, err);
    }
}
