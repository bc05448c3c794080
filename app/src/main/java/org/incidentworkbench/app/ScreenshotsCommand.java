package org.incidentworkbench.app;

import java.nio.file.Path;
import org.incidentworkbench.app.cli.CliCommand;
import org.incidentworkbench.app.ui.Screenshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench screenshots DIR}: writes PNGs of the window's main views. It needs the window, so the
 * launcher registers it rather than the command line's own list. {@link Screenshots} does the work (and reruns
 * itself under xvfb-run without a display).
 */
@Command(name = "screenshots",
        description = "write PNG screenshots of the window's main views (triage, fleet, metrics, replay, training) to DIR",
        footer = {"", "Opens the window on scratch files, triages and samples this machine for about 20 s, records and replays",
                "an incident, and writes triage.png, fleet.png, metrics.png, ... into DIR. Needs a display or xvfb-run."})
final class ScreenshotsCommand extends CliCommand {

    @Parameters(paramLabel = "DIR", description = "where to write the PNGs")
    private Path dir;

    @Override
    public Integer call() throws Exception {
        return Screenshots.take(dir.toAbsolutePath(), out, err);
    }
}
