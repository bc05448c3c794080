package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * Base of a {@code workbench} command: picocli fills its {@code @Option}s and {@code @Parameters}, {@link Cli}
 * hands it the streams of the run, and {@link #call()} returns the exit code (0 done, 1 the work failed,
 * 2 usage error). Results go to {@link #out}, progress and errors as full sentences to {@link #err}; a
 * {@link UsageException} becomes a usage error with the command's name and a pointer to its {@code --help}.
 * A command group (subcommands as {@code @Command} methods) prints its help when called bare.
 */
public abstract class CliCommand implements Callable<Integer> {

    @CommandLine.Spec
    protected CommandSpec spec;

    protected PrintStream out = System.out;
    protected PrintStream err = System.err;

    final void streams(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** A group called without a subcommand: its help, and exit 2 since nothing was done. */
    @Override
    public Integer call() throws Exception {
        spec.commandLine().usage(out);
        return Cli.USAGE;
    }
}
