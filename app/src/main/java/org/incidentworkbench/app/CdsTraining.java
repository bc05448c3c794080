package org.incidentworkbench.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.ui.WorkbenchApp;

/**
 * The training run for the class-data-sharing archive: one JVM that loads the classes a user's runs
 * load, so that {@code -XX:ArchiveClassesAtExit} writes them all into one archive that later runs map
 * instead of loading and verifying each class from the jar (JDK 17 dynamic AppCDS).
 *
 * <pre>java -XX:ArchiveClassesAtExit=workbench.jsa -Dworkbench.cds.training=true -jar workbench.jar</pre>
 *
 * It triages this machine without SSH, verifies a shipped sample bundle and, where there is a display,
 * opens the window to its first frame and closes it; their output is discarded. {@code ./workbench}
 * and {@code installers/jpackage.sh} run it after a build. Not thread-safe; run once per JVM.
 */
final class CdsTraining {

    /** The system property that makes {@link Launcher} run this instead of the window or a command. */
    static final String PROPERTY = "workbench.cds.training";

    private CdsTraining() {
    }

    static int run() throws IOException {
        // never the user's own preferences, recent hosts or incidents
        Path scratch = Files.createTempDirectory("workbench-cds-training");
        System.setProperty("workbench.configDir", scratch.resolve("config").toString());
        System.setProperty("workbench.dataDir", scratch.resolve("data").toString());
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        Cli cli = Launcher.cli();
        int triage = cli.run(List.of("triage", "--local", "--json"), discard, discard);
        int verify = cli.run(List.of("playbook", "verify", "disk-full"), discard, discard);
        if (hasDisplay()) {
            // prints INTERACTIVE_MS and exits the toolkit after the first frame (the bench's signal)
            System.setProperty(WorkbenchApp.BENCH_INTERACTIVE, "true");
            WorkbenchApp.launchWindow(new String[0]);
        }
        System.err.println("workbench: class-data-sharing training ran triage --local (exit " + triage + "), playbook verify (exit "
                + verify + ")" + (hasDisplay() ? " and the window" : "; no display, so not the window"));
        return AppInfo.OK;
    }

    private static boolean hasDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        return !linux || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }
}
