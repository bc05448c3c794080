package org.incidentworkbench.app.ui;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether JavaFX can open a window here, and the way out when it cannot: on Linux without DISPLAY
 * (a server, CI) the screenshot and benchmark commands run themselves again under {@code xvfb-run},
 * a virtual X server, when it is installed ({@code apt-get install xvfb}).
 */
public final class Display {

    private Display() {
    }

    public static boolean available() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return !os.contains("linux") || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null
                || "Monocle".equals(System.getProperty("glass.platform"));
    }

    public static boolean xvfbRunInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (new File(dir, "xvfb-run").canExecute()) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code workbench ARGS} again in a child JVM under xvfb-run, passing its output through; returns its exit code. */
    public static int rerunUnderXvfb(List<String> workbenchArgs, PrintStream err) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", javaBin(), "-cp",
                System.getProperty("java.class.path"), "org.incidentworkbench.app.Launcher"));
        cmd.addAll(workbenchArgs);
        err.println("workbench: no display; running under xvfb-run.");
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        return p.waitFor();
    }

    public static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** The message when there is neither a display nor xvfb-run. */
    public static String missing(String what) {
        return what + " needs a display: set DISPLAY (a desktop session), or install xvfb ('apt-get install xvfb') "
                + "so the workbench can run it under xvfb-run.";
    }
}
