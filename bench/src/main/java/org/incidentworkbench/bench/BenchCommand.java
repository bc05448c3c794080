package org.incidentworkbench.bench;

import org.incidentworkbench.app.cli.CliCommand;
import picocli.CommandLine.Command;

/**
 * {@code workbench bench NAME [ARGS]}: runs one of the product's benchmarks. Each prints progress to stderr
 * and one JSON document to stdout: what was measured, on what data, medians, and the figures of a baseline
 * measured in the same run with the ratio against it. Not in the product jar: {@code ./workbench} puts this
 * module's jar on the class path, where the launcher finds this command as a {@link CliCommand} service.
 */
@Command(name = "bench", synopsisSubcommandLabel = "NAME",
        description = "run a benchmark and print its figures as JSON (medians, baseline from the same run)",
        customSynopsis = "workbench bench NAME [ARGS]   (workbench bench NAME --help for its options)",
        subcommands = {StoreBenchmark.class, TriageBenchmark.class, SampleBenchmark.class, UiBenchmark.class, RedactBenchmark.class,
                ForecastBenchmark.class, ParseBenchmark.class})
public final class BenchCommand extends CliCommand {
}
