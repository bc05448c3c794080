package org.incidentworkbench.app.services;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.incidentworkbench.timeseries.TimeSeriesStore;
import org.junit.jupiter.api.Test;

/**
 * The build points every default location of the user's files into {@code target/} for the tests (the surefire
 * configuration in the parent pom sets XDG_DATA_HOME and XDG_CONFIG_HOME), so a test that builds the standard
 * wiring (the window's {@code UiServices}, {@code AppContext.standard}, {@code TriageService.local}) never writes
 * triage history, host lists, metrics or incidents into {@code ~/.local/share} or {@code ~/.config}. Fails when
 * that configuration is lost, or when a new default location ignores it.
 */
class TestUserDirsTest {

    @Test
    void everyDefaultLocationOfTheUsersFilesIsUnderTheBuildDirectory() {
        String saved = System.clearProperty("workbench.dataDir"); // as a test that cleans up after itself leaves it
        try {
            Map<String, Path> defaults = Map.of(
                    "WorkbenchDirs.data()", WorkbenchDirs.data(),
                    "WorkbenchDirs.config()", WorkbenchDirs.config(),
                    "TriageHistory.standard()", TriageHistory.standard().directory(),
                    "HostListFile.standard()", HostListFile.standard().path(),
                    "IncidentService.defaultDirectory()", IncidentService.defaultDirectory(),
                    "TimeSeriesStore.defaultPath()", TimeSeriesStore.defaultPath());
            Path home = WorkbenchDirs.home().toAbsolutePath().normalize();
            Path build = Path.of("target").toAbsolutePath().normalize();
            defaults.forEach((what, path) -> {
                Path p = path.toAbsolutePath().normalize();
                assertTrue(p.startsWith(build) && !p.startsWith(home.resolve(".local")) && !p.startsWith(home.resolve(".config")),
                        what + " is " + p + " in a test run: it must lie under " + build
                                + " (the parent pom's surefire environmentVariables XDG_DATA_HOME / XDG_CONFIG_HOME)");
            });
        } finally {
            if (saved != null) {
                System.setProperty("workbench.dataDir", saved);
            }
        }
    }
}
