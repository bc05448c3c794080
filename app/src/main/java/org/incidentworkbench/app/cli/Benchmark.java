package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One benchmark run by {@code workbench bench NAME}. It prints progress to {@code err} and one
 * JSON document to {@code out}: what was measured, on what data, medians, and the figures of a
 * baseline measured in the same run with the ratio against it.
 */
public interface Benchmark {

    String name();

    String summary();

    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
