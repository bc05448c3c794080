package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.util.List;
import org.incidentworkbench.app.AppInfo;

/** Prints the product version and the Java runtime it runs on. */
public final class VersionCommand implements Command {

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the version of the workbench and of its Java runtime";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println("Usage: workbench version");
            out.println("Prints the workbench version and the Java runtime it runs on (also: workbench --version).");
            return Cli.OK;
        }
        out.println("Incident Workbench " + version() + " (Java " + Runtime.version() + ")");
        return Cli.OK;
    }

    /** The product's version; {@link AppInfo#version()} is the one source. */
    public static String version() {
        return AppInfo.version();
    }
}
