package org.incidentworkbench.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A command a test runs on this machine (iostat of sysstat): the test is skipped with a message naming the package
 * when the command is missing, as the SSH tests are without sshd, and fails instead under
 * {@code -Dworkbench.requireSshd=true} (what {@code .ci/run} sets after installing every package), so CI never
 * passes by skipping. {@code -Dworkbench.test.missingTools=iostat,...} makes the named commands count as missing,
 * to check this skip without uninstalling anything.
 */
public final class RequiredTool {

    private static final Set<String> DIRS = Set.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private RequiredTool() {
    }

    /** Skips the calling test unless {@code tool} is installed; the message says to install {@code pkg}. */
    public static void assume(String tool, String pkg) {
        if (installed(tool)) {
            return;
        }
        String message = tool + " is not installed (package " + pkg + "): apt-get install " + pkg + " to run this test.";
        if (Boolean.getBoolean("workbench.requireSshd")) {
            Assertions.fail(message + " The property workbench.requireSshd=true makes this a failure.");
        }
        Assumptions.abort(message);
    }

    /** Whether {@code tool} is an executable file on the PATH or in the usual bin directories. */
    public static boolean installed(String tool) {
        if (Arrays.asList(System.getProperty("workbench.test.missingTools", "").split(",")).contains(tool)) {
            return false;
        }
        Set<String> dirs = new LinkedHashSet<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(DIRS);
        return dirs.stream().filter(d -> !d.isEmpty()).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }
}
