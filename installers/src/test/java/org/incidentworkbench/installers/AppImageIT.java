package org.incidentworkbench.installers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Test;

/**
 * Runs the jpackage'd app image the package phase built: its own trimmed runtime must start the
 * product and do everything the CLI does.
 */
class AppImageIT {

    /** The size budget of the app image (runtime included), from the installers issue. */
    static final long MAX_IMAGE_BYTES = 120L * 1024 * 1024;

    static Path image() {
        return Path.of(System.getProperty("jpackage.out", "target/jpackage"), "incident-workbench");
    }

    static Path launcher() {
        return image().resolve("bin/incident-workbench");
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("iw-out", ".txt");
        Path err = Files.createTempFile("iw-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish within 120 s: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void launcherPrintsItsVersion() throws Exception {
        Run r = run("--version");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Incident Workbench "), r.out());
    }

    /** The nine probes of DESIGN.md: the image must parse them all, not just start. */
    /** Every standard probe, from the one registry (a new probe is expected in the packaged product too). */
    static final List<String> PROBES = org.incidentworkbench.probe.Probes.STANDARD.stream()
            .map(org.incidentworkbench.probe.Probe::name).toList();

    @Test
    void launcherTriagesThisMachineAsJson() throws Exception {
        Run r = run("triage", "--local", "--json");
        assertEquals(0, r.exit(), r.err());
        assertAllProbesRan(new ObjectMapper().readTree(r.out()), "local");
    }

    /** The trimmed runtime must hold what JSch needs (jdk.crypto.ec among others): a real SSH triage proves it. */
    @Test
    void launcherTriagesARealSshdWithItsTrimmedRuntime() throws Exception {
        OpenSshTestServer.assumeAvailable();
        try (OpenSshTestServer sshd = OpenSshTestServer.start()) {
            String target = sshd.user() + "@" + sshd.address() + ":" + sshd.port();
            Run r = run("triage", "--json", "--known-hosts", sshd.knownHostsFile().toString(),
                    "-i", sshd.userKeyFile().toString(), target);
            assertEquals(0, r.exit(), r.err() + "\nsshd log:\n" + sshd.log());
            assertAllProbesRan(new ObjectMapper().readTree(r.out()), target);
        }
    }

    static void assertAllProbesRan(JsonNode doc, String host) {
        JsonNode hosts = doc.path("reports");
        assertEquals(1, hosts.size(), doc.toPrettyString());
        JsonNode report = hosts.get(0);
        assertEquals(host, report.path("host").asText(), report.toPrettyString());
        List<String> probes = new ArrayList<>();
        report.path("results").forEach(p -> probes.add(p.path("probe").asText()));
        assertEquals(PROBES, probes, "probes in the report");
        report.path("results").forEach(p -> {
            if (p.path("probe").asText().equals("df")) {
                assertEquals("parsed", p.path("status").asText(), p.toPrettyString());
            }
        });
    }

    @Test
    void imageFitsItsSizeBudget() throws IOException {
        long bytes;
        try (Stream<Path> files = Files.walk(image())) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        assertTrue(bytes <= MAX_IMAGE_BYTES, "the app image is " + bytes / (1024 * 1024) + " MiB, over its 120 MiB budget");
    }

    @Test
    void debianPackageDeclaresGtkAndTheBundleType() throws Exception {
        Path deb;
        try (Stream<Path> files = Files.list(image().getParent())) {
            deb = files.filter(f -> f.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb next to the app image in " + image().getParent()));
        }
        Process p = new ProcessBuilder("dpkg-deb", "-f", deb.toString(), "Depends").redirectErrorStream(true).start();
        String depends = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertTrue(depends.contains("libgtk-3-0"), depends);
        Process c = new ProcessBuilder("dpkg-deb", "-c", deb.toString()).redirectErrorStream(true).start();
        String contents = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, c.waitFor());
        assertTrue(contents.contains(".desktop"), "no desktop entry in the .deb");
        assertTrue(contents.contains("MimeInfo.xml"), "no MIME type for incident bundles in the .deb");
        if (hasArchive()) {
            assertTrue(contents.contains("./opt/incident-workbench/lib/app/workbench.jsa"), "no class-data-sharing archive in the .deb");
        }
        assertTrue(contents.lines().noneMatch(l -> l.contains(" ./usr/bin/")), "the .deb ships files in /usr/bin:\n" + contents);
        // beside the jar, JavaFX loads its native libraries in place instead of copying them out at every start
        assertTrue(contents.contains("./opt/incident-workbench/lib/app/libglass.so"), "JavaFX's natives are not beside the jar in the .deb");
    }

    @Test
    void debianPackageHasItsMetadataAndOurScripts() throws Exception {
        Path deb = deb();
        String control = output("dpkg-deb", "-f", deb.toString(), "Version", "Description", "Maintainer");
        assertTrue(control.matches("(?s)Version: \\d+\\.\\d+\\.\\d+-1\n.*"), control);
        assertTrue(control.contains("Description: A desktop workbench for investigating incidents on Linux servers over SSH"), control);
        assertTrue(control.contains("Maintainer: "), control);
        assertTrue(output("dpkg-deb", "-I", deb.toString(), "postinst").contains("/opt/incident-workbench/lib/system-integration.sh install"));
        assertTrue(output("dpkg-deb", "-I", deb.toString(), "prerm").contains("/opt/incident-workbench/lib/system-integration.sh remove"));
        assertTrue(output("dpkg-deb", "-c", deb.toString()).contains("./opt/incident-workbench/lib/CHANGELOG.md"), "no changelog in the .deb");
    }

    /**
     * Whether jpackage.sh could train the class-data-sharing archive (it needs a mount namespace: root, or
     * user namespaces); without one the packages are valid, only slower to start, and it said why.
     */
    static boolean hasArchive() {
        boolean has = Files.isRegularFile(image().resolve("lib/app/workbench.jsa"));
        if (!has) {
            System.err.println("the app image has no class-data-sharing archive (see target/jpackage/cds-training.log);"
                    + " the package checks for it are skipped");
        }
        return has;
    }

    static Path deb() throws IOException {
        try (Stream<Path> files = Files.list(image().getParent())) {
            return files.filter(f -> f.toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no .deb next to the app image in " + image().getParent()));
        }
    }

    static String output(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
