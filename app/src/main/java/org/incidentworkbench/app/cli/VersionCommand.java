package org.incidentworkbench.app.cli;

import org.incidentworkbench.app.AppInfo;
import picocli.CommandLine;

/** {@code workbench version} (and {@code --version}): the product version and the Java runtime it runs on. */
@CommandLine.Command(name = "version", description = "print the version of the workbench and of its Java runtime")
public final class VersionCommand extends CliCommand implements CommandLine.IVersionProvider {

    @Override
    public Integer call() {
        out.println(line());
        return Cli.OK;
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    private static String line() {
        return AppInfo.product() + " (Java " + Runtime.version() + ")";
    }

    /** The product's version; {@link AppInfo#version()} is the one source. */
    public static String version() {
        return AppInfo.version();
    }
}
