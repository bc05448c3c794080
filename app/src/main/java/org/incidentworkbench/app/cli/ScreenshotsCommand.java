package org.incidentworkbench.app.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.incidentworkbench.app.ui.Screenshots;

/** {@code workbench screenshots DIR}: reads the arguments; the window's side is {@link Screenshots}. */
public final class ScreenshotsCommand implements Command {

    @Override
    public String name() {
        return "screenshots";
    }

    @Override
    public String summary() {
        return "write PNG screenshots of the window's main views (triage, fleet, metrics, replay, training) to DIR";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.contains("--help") || args.contains("-h")) {
            out.println("Usage: workbench screenshots DIR");
            out.println("Opens the window on scratch files, triages and samples this machine for about 20 s, records and replays");
            out.println("an incident, and writes triage.png, fleet.png, metrics.png, ... into DIR. Needs a display or xvfb-run.");
            return Cli.OK;
        }
        if (args.size() != 1) {
            throw new UsageException("give one directory to write the screenshots to.");
        }
        return Screenshots.take(Path.of(args.get(0)).toAbsolutePath(), out, err);
    }
}
