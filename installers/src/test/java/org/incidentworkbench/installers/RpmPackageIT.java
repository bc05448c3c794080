package org.incidentworkbench.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.incidentworkbench.installers.DebInstallIT.Run;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads the .rpm the package phase built where rpmbuild exists (Debian's rpm package has it) with
 * {@code rpm -qp}: its metadata, what it requires, its files and its scripts, which must be the same
 * system-integration.sh the .deb's postinst and prerm call. It is not installed here: Debian is not its
 * target, and the .deb's install test exercises that script for real.
 */
class RpmPackageIT {

    static Path rpm;

    @BeforeAll
    static void findRpm() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/rpmbuild")) && Files.isExecutable(Path.of("/usr/bin/rpm")),
                "no .rpm is built without rpmbuild (apt-get install rpm); skipped");
        try (Stream<Path> files = Files.list(AppImageIT.image().getParent())) {
            rpm = files.filter(f -> f.toString().endsWith(".rpm")).findFirst()
                    .orElseThrow(() -> new AssertionError("rpmbuild is installed but there is no .rpm in " + AppImageIT.image().getParent()));
        }
    }

    static String query(String... options) {
        List<String> cmd = new java.util.ArrayList<>(List.of("rpm", "-qp"));
        cmd.addAll(List.of(options));
        cmd.add(rpm.toString());
        Run r = DebInstallIT.run(cmd, Map.of(), 60);
        assertEquals(0, r.exit(), cmd + ": " + r.all());
        return r.out();
    }

    @Test
    void metadataNamesTheReleaseVersionAndDescribesTheProduct() {
        String info = query("--queryformat", "%{NAME}|%{VERSION}|%{RELEASE}|%{SUMMARY}|%{LICENSE}|%{VENDOR}\\n");
        String[] f = info.trim().split("\\|");
        assertEquals("incident-workbench", f[0], info);
        assertTrue(f[1].matches("\\d+\\.\\d+\\.\\d+"), "version " + f[1]);
        assertEquals("1", f[2], info);
        assertEquals("A desktop workbench for investigating incidents on Linux servers over SSH", f[3], info);
        assertTrue(f[4].contains("none chosen yet"), "license " + f[4]);
        String changelog = query("--changelog");
        assertTrue(changelog.contains("- " + f[1] + "-1"), changelog);
    }

    @Test
    void requiresGtkAndTheXdgTools() {
        String requires = query("--requires");
        assertTrue(requires.lines().anyMatch("gtk3"::equals), requires);
        assertTrue(requires.lines().anyMatch("xdg-utils"::equals), requires);
    }

    @Test
    void filesAreTheImageUnderOptWithItsArchiveAndOwnNoSharedDirectory() {
        List<String> files = query("--list").lines().toList();
        for (String f : List.of("/opt/incident-workbench/bin/incident-workbench", "/opt/incident-workbench/lib/app/workbench.jar",
                "/opt/incident-workbench/lib/system-integration.sh", "/opt/incident-workbench/lib/CHANGELOG.md",
                "/opt/incident-workbench/lib/incident-workbench-incident-workbench.desktop")) {
            assertTrue(files.contains(f), f + " is not in the rpm");
        }
        if (AppImageIT.hasArchive()) {
            assertTrue(files.contains("/opt/incident-workbench/lib/app/workbench.jsa"), "no class-data-sharing archive in the rpm");
            assertTrue(files.contains("/opt/incident-workbench/lib/app/workbench.jsa.jar-time"), "no jar time for the archive in the rpm");
        }
        for (String shared : List.of("/opt", "/usr", "/usr/share", "/usr/bin", "/usr/share/licenses")) {
            assertFalse(files.contains(shared), "the rpm owns the shared directory " + shared);
        }
        // the /usr/bin links are made by the install script, so removal can take exactly them away
        assertTrue(files.stream().noneMatch(f -> f.startsWith("/usr/bin/")), "files in /usr/bin: " + files);
    }

    @Test
    void scriptsCallTheSameSystemIntegrationAsTheDeb() {
        String scripts = query("--scripts");
        assertTrue(scripts.contains("/opt/incident-workbench/lib/system-integration.sh install"), scripts);
        assertTrue(scripts.contains("/opt/incident-workbench/lib/system-integration.sh remove"), scripts);
        assertFalse(scripts.contains("xdg-desktop-menu"), "jpackage's own desktop commands are back:\n" + scripts);
    }
}
