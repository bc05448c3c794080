package org.incidentworkbench.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.incidentworkbench.app.cli.Cli;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.ui.WorkbenchApp;

/**
 * Entry point of the shaded jar, for the window and the command line alike. It is a plain main
 * (not a JavaFX {@code Application}) so that JavaFX starts from the classpath without a module path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws java.io.IOException {
        if (Boolean.getBoolean(CdsTraining.PROPERTY)) {
            System.exit(CdsTraining.run());
        }
        if (args.length == 0) {
            String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
            boolean linux = os.contains("linux");
            if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null
                    && !"Monocle".equals(System.getProperty("glass.platform"))) {
                System.err.println("workbench: the window needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set. "
                        + "Run it from a desktop session (or 'xvfb-run ./workbench'), or use the command line: 'workbench --help'.");
                System.exit(AppInfo.USAGE);
            }
            try {
                WorkbenchApp.launchWindow(args);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                System.err.println("workbench: the window could not start: " + e.getMessage()
                        + ". On Linux JavaFX needs GTK 3 ('apt-get install libgtk-3-0'); the command line works without it: 'workbench --help'.");
                System.exit(AppInfo.FAILED);
            }
            System.exit(AppInfo.OK);
        }
        System.exit(cli().run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * The command line's own commands, then {@code screenshots} (it needs the window), then any command found
     * on the class path as a {@link CliCommand} service: {@code bench} when {@code ./workbench} runs from a
     * source checkout with the bench module's jar beside the product's.
     */
    static Cli cli() {
        List<CliCommand> more = new ArrayList<>();
        more.add(new ScreenshotsCommand());
        ServiceLoader.load(CliCommand.class).forEach(more::add);
        return Cli.standard().with(more);
    }
}
