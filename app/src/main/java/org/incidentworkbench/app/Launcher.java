package org.incidentworkbench.app;

import java.util.Arrays;
import org.incidentworkbench.app.cli.Cli;

/**
 * Entry point of the shaded jar, for the window and the command line alike. It is a plain main
 * (not a JavaFX {@code Application}) so that JavaFX starts from the classpath without a module path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        Cli cli = Cli.standard();
        if (args.length == 0) {
            // The window arrives with the UI issue; until then the usage is the front door.
            cli.printUsage(System.out);
            System.exit(Cli.OK);
        }
        System.exit(cli.run(Arrays.asList(args), System.out, System.err));
    }
}
