package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code workbench} subcommand. Implementations print their own {@code --help} (when
 * {@code args} contains {@code --help} or {@code -h}), write results to {@code out} and errors as
 * full sentences to {@code err}.
 *
 * <p>Exit codes: 0 success, 1 the work failed (for example some hosts could not be triaged),
 * 2 usage error.
 */
public interface Command {

    /** The subcommand's name as typed, for example {@code triage}. */
    String name();

    /** One line for the command list in {@code workbench --help}. */
    String summary();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
