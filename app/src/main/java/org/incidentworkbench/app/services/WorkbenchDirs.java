package org.incidentworkbench.app.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the workbench keeps its files: {@code $XDG_CONFIG_HOME/incident-workbench} (else
 * {@code ~/.config/incident-workbench}) for the host list, overridable with the system property
 * {@code workbench.configDir} so tests never touch the user's home.
 */
public final class WorkbenchDirs {

    private WorkbenchDirs() {
    }

    public static Path config() {
        String override = System.getProperty("workbench.configDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("incident-workbench");
    }

    /**
     * {@code $XDG_DATA_HOME/incident-workbench} (else {@code ~/.local/share/incident-workbench}), beside the
     * metrics store; {@code workbench.dataDir} overrides it for tests.
     */
    public static Path data() {
        String override = System.getProperty("workbench.dataDir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("incident-workbench");
    }

    /** Creates the directory readable by the user only (host names are not public knowledge). */
    public static Path ensure(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the user's profile directory is private already
            }
        }
        return dir;
    }

    public static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
