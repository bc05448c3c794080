package org.incidentworkbench.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Installs the .deb the package phase built with apt, as a user does, and uses it: the launcher from
 * the PATH, a local and an SSH triage, a shipped sample, the window under Xvfb, the menu entry where the
 * machine has a desktop menu (the test makes one for that half), and a purge that leaves nothing.
 * Any non-zero exit of postinst or prerm fails it, since apt-get then fails and dpkg reports the package
 * half-configured. Needs root and apt (CI runs as root on a fresh Debian 12); skipped otherwise.
 * Cleans up after itself even when a step fails: the package is purged, the menu directory it made
 * removed, the processes it started stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebInstallIT {

    static final String PACKAGE = "incident-workbench";
    static final Path INSTALLED = Path.of("/opt/incident-workbench");
    static final List<Path> LINKS = List.of(Path.of("/usr/bin/incident-workbench"), Path.of("/usr/bin/workbench"));
    /** Where xdg-desktop-menu wants to write besides /usr/share/applications; without them it exits 3. */
    static final Path MENUS = Path.of("/etc/xdg/menus");
    static final Path DIRECTORIES = Path.of("/usr/share/desktop-directories");
    static final Path DESKTOP_ENTRY = Path.of("/usr/share/applications/incident-workbench-incident-workbench.desktop");
    static final Path MIME_PACKAGE = Path.of("/usr/share/mime/packages/incident-workbench-incident-workbench-MimeInfo.xml");
    /** Directories the package may touch outside /opt; after the purge they must list what they listed before. */
    static final List<Path> WATCHED = List.of(Path.of("/usr/bin"), Path.of("/usr/share/applications"),
            Path.of("/usr/share/mime/packages"), MENUS, DIRECTORIES);

    record Run(int exit, String out, String err, long millis) {
        String all() {
            return out + err;
        }
    }

    private Path deb;
    private Path scratch;
    /** The menu directories this test made (and removes again). */
    private final List<Path> made = new ArrayList<>();
    private final Map<Path, TreeSet<String>> before = new java.util.HashMap<>();
    private Run firstInstall;

    @BeforeAll
    void install() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "the install test installs the .deb system-wide and needs root (CI runs it as root); skipped as "
                        + System.getProperty("user.name"));
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg")),
                "the install test needs apt-get and dpkg (Debian, Ubuntu); skipped on this machine");
        Assumptions.assumeFalse(installed(), PACKAGE + " is already installed on this machine; the install test would"
                + " replace and purge it, so it is skipped (remove it with 'apt-get remove --purge " + PACKAGE + "' to run it)");
        try (Stream<Path> files = Files.list(AppImageIT.image().getParent())) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb next to the app image in " + AppImageIT.image().getParent()));
        }
        scratch = Files.createTempDirectory("iw-deb-it");
        for (Path dir : WATCHED) {
            before.put(dir, list(dir));
        }
        firstInstall = aptInstall(false);
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (deb == null) {
            return; // skipped before anything was done
        }
        if (installed() || dpkgStatus().contains("half") || dpkgStatus().contains("config-files")) {
            run(List.of("dpkg", "--purge", "--force-all", PACKAGE), Map.of(), 120);
        }
        for (Path dir : made) {
            deleteTree(dir);
        }
        deleteTree(scratch);
    }

    @Test
    @Order(1)
    void aptInstallsItWithoutErrorsAndPutsTheLauncherOnThePath() throws Exception {
        assertEquals(0, firstInstall.exit(), "apt-get install failed (a postinst error fails it):\n" + firstInstall.all());
        assertTrue(dpkgStatus().contains("install ok installed"), "dpkg status: " + dpkgStatus());
        if (!before.get(MENUS).contains("(absent)") && !before.get(DIRECTORIES).contains("(absent)")
                && Files.isDirectory(Path.of("/usr/share/applications"))) {
            System.err.println("DebInstallIT: this machine has a desktop menu; the no-menu branch is not covered here");
        } else {
            assertTrue(firstInstall.out().contains("incident-workbench: menu entry and .iwbundle file type skipped: this machine has no desktop menu"),
                    "no one-line skip message without a menu directory:\n" + firstInstall.all());
            assertFalse(Files.exists(DESKTOP_ENTRY), "a desktop entry was installed without a menu directory");
        }
        for (Path link : LINKS) {
            assertTrue(Files.isSymbolicLink(link), link + " is not a link");
            assertEquals(INSTALLED.resolve("bin/incident-workbench"), Files.readSymbolicLink(link));
        }
        System.err.printf("DebInstallIT: %s is %d bytes; apt-get install took %d ms%n", deb.getFileName(), Files.size(deb),
                firstInstall.millis());
    }

    @Test
    @Order(2)
    void versionFromThePathIsTheReleaseVersionAndUsesTheClassDataSharingArchive() throws Exception {
        Run first = installedWorkbench(List.of("--version"), Map.of());
        assertEquals(0, first.exit(), first.all());
        assertTrue(first.out().matches("Incident Workbench \\d+\\.\\d+\\.\\d+ \\(Java .*\\)\\s*"), first.out());
        assertFalse(first.out().contains("SNAPSHOT"), first.out());
        // -Xshare:on makes an archive that does not map a start-up error instead of a silent fallback
        Run shared = installedWorkbench(List.of("--version"), Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on"));
        assertEquals(0, shared.exit(), "the installed class-data-sharing archive does not map:\n" + shared.all());
        System.err.printf("DebInstallIT: first start (workbench --version) %d ms, with -Xshare:on %d ms%n", first.millis(),
                shared.millis());
    }

    @Test
    @Order(3)
    void triagesThisMachine() throws Exception {
        Run r = installedWorkbench(List.of("triage", "--local", "--json"), Map.of());
        assertEquals(0, r.exit(), r.err());
        AppImageIT.assertAllProbesRan(new ObjectMapper().readTree(r.out()), "local");
    }

    @Test
    @Order(4)
    void triagesARealSshd() throws Exception {
        OpenSshTestServer.assumeAvailable();
        try (OpenSshTestServer sshd = OpenSshTestServer.start()) {
            String target = sshd.user() + "@" + sshd.address() + ":" + sshd.port();
            Run r = installedWorkbench(List.of("triage", "--json", "--known-hosts", sshd.knownHostsFile().toString(),
                    "-i", sshd.userKeyFile().toString(), target), Map.of());
            assertEquals(0, r.exit(), r.err() + "\nsshd log:\n" + sshd.log());
            AppImageIT.assertAllProbesRan(new ObjectMapper().readTree(r.out()), target);
        }
    }

    @Test
    @Order(5)
    void verifiesAShippedSample() throws Exception {
        Run r = installedWorkbench(List.of("playbook", "verify", "disk-full"), Map.of());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("intact"), r.out());
    }

    @Test
    @Order(6)
    void windowStartsUnderXvfbAndStaysUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/Xvfb")) && Files.isExecutable(Path.of("/usr/bin/xwininfo")),
                "the window test needs Xvfb and xwininfo (apt-get install xvfb x11-utils)");
        String display = ":" + (90 + (int) (ProcessHandle.current().pid() % 9));
        Process xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(scratch.resolve("xvfb.log").toFile()).start();
        Process window = null;
        try {
            waitFor(() -> run(List.of("xwininfo", "-root", "-display", display), Map.of(), 10).exit() == 0, 20_000,
                    "Xvfb did not start on " + display);
            ProcessBuilder pb = new ProcessBuilder("workbench").redirectErrorStream(true)
                    .redirectOutput(scratch.resolve("window.log").toFile());
            pb.environment().put("DISPLAY", display);
            pb.environment().put("PATH", "/usr/bin:/bin");
            // the window's preferences and data go to scratch, not root's home
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Dworkbench.configDir=" + scratch.resolve("config")
                    + " -Dworkbench.dataDir=" + scratch.resolve("data"));
            long start = System.nanoTime();
            window = pb.start();
            Process shown = window;
            waitFor(() -> !shown.isAlive() || run(List.of("xwininfo", "-root", "-tree", "-display", display), Map.of(), 10)
                    .out().contains("\"Incident Workbench"), 60_000, "no 'Incident Workbench' window appeared on " + display);
            long shownMillis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(2_000);
            assertTrue(window.isAlive(), "the window's process ended:\n" + Files.readString(scratch.resolve("window.log")));
            System.err.printf("DebInstallIT: the installed launcher's window was mapped %d ms after start%n", shownMillis);
        } finally {
            if (window != null) {
                window.destroy();
                if (!window.waitFor(10, TimeUnit.SECONDS)) {
                    window.destroyForcibly();
                }
            }
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(7)
    void registersTheMenuEntryAndFileTypeWhereThereIsAMenuDirectory() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/xdg-desktop-menu")),
                "the menu test needs xdg-utils (apt-get install xdg-utils)");
        for (Path dir : List.of(MENUS, DIRECTORIES, Path.of("/usr/share/applications"))) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                made.add(dir);
            }
        }
        Run reinstall = aptInstall(true);
        assertEquals(0, reinstall.exit(), "apt-get install --reinstall failed (prerm or postinst):\n" + reinstall.all());
        assertTrue(reinstall.out().contains("incident-workbench: menu entry and .iwbundle file type registered."), reinstall.all());
        assertTrue(Files.isRegularFile(DESKTOP_ENTRY), DESKTOP_ENTRY + " missing");
        assertTrue(Files.readString(DESKTOP_ENTRY).contains("Exec=/opt/incident-workbench/bin/incident-workbench %f"));
        assertTrue(Files.isRegularFile(MIME_PACKAGE), MIME_PACKAGE + " missing");
        if (Files.isExecutable(Path.of("/usr/bin/update-mime-database"))) {
            assertTrue(Files.isRegularFile(Path.of("/usr/share/mime/application/x-incident-workbench-bundle.xml")),
                    "the MIME database does not know the bundle type");
        }
    }

    @Test
    @Order(8)
    void purgeLeavesNothingBehind() throws Exception {
        Run r = run(List.of("apt-get", "remove", "--purge", "-y", PACKAGE), Map.of("DEBIAN_FRONTEND", "noninteractive"), 300);
        assertEquals(0, r.exit(), "apt-get remove --purge failed (a prerm error fails it):\n" + r.all());
        assertFalse(installed(), "dpkg still lists the package: " + dpkgStatus());
        Run status = run(List.of("dpkg", "-s", PACKAGE), Map.of(), 30);
        assertNotEquals(0, status.exit());
        assertTrue(status.all().contains("is not installed"), status.all());
        assertFalse(Files.exists(INSTALLED), INSTALLED + " is still there");
        for (Path link : LINKS) {
            assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS), link + " is still there");
        }
        for (Path dir : WATCHED) {
            TreeSet<String> now = list(dir);
            if (made.contains(dir)) {
                assertEquals(new TreeSet<>(), now, "the install left files in " + dir);
                continue;
            }
            // only ours: other engineers' and apt's changes to a shared machine are not this package's
            TreeSet<String> ours = new TreeSet<>(now);
            ours.removeIf(name -> !name.contains("workbench") && !pointsIntoTheApp(dir.resolve(name)));
            assertEquals(new TreeSet<>(), ours, "left behind in " + dir);
            TreeSet<String> gone = new TreeSet<>(before.get(dir));
            gone.removeAll(now);
            assertEquals(new TreeSet<>(), gone, "taken away from " + dir);
        }
    }

    // ---- helpers

    private Run aptInstall(boolean reinstall) {
        List<String> cmd = new ArrayList<>(List.of("apt-get", "install", "-y"));
        if (reinstall) {
            cmd.add("--reinstall");
        }
        cmd.add(deb.toAbsolutePath().toString());
        return run(cmd, Map.of("DEBIAN_FRONTEND", "noninteractive"), 600);
    }

    private Run installedWorkbench(List<String> args, Map<String, String> env) {
        List<String> cmd = new ArrayList<>(List.of("workbench"));
        cmd.addAll(args);
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PATH", "/usr/bin:/bin"); // as a fresh shell has it: the launcher must be found there
        return run(cmd, all, 180);
    }

    private static boolean installed() {
        return dpkgStatus().contains("install ok installed");
    }

    private static String dpkgStatus() {
        return run(List.of("dpkg-query", "-W", "-f=${Status}", PACKAGE), Map.of(), 30).out();
    }

    static Run run(List<String> cmd, Map<String, String> env, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("iw-run", ".out");
            Path err = Files.createTempFile("iw-run", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(env);
                long start = System.nanoTime();
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(cmd + " did not finish within " + timeoutSeconds + " s");
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), millis);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + cmd, e);
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, long millis, String failure) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (!check.ok()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError(failure + " within " + millis / 1000 + " s");
            }
            Thread.sleep(250);
        }
    }

    private static boolean pointsIntoTheApp(Path file) {
        try {
            return Files.isSymbolicLink(file) && Files.readSymbolicLink(file).startsWith(INSTALLED);
        } catch (IOException e) {
            return false;
        }
    }

    private static TreeSet<String> list(Path dir) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            names.add("(absent)");
            return names;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> !f.equals(dir)).forEach(f -> names.add(dir.relativize(f).toString()));
        }
        return names;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
