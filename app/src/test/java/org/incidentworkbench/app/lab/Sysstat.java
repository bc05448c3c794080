package org.incidentworkbench.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.incidentworkbench.testing.OpenSshTestServer;
import org.junit.jupiter.api.Assumptions;

/**
 * sysstat for the history tests: its own collector {@code sadc} writes today's archive into a scratch
 * directory during the test, and an ssh_config names the test sshd, so {@code history sar} (command line and
 * window) reads a real archive over a real SSH connection.
 */
public final class Sysstat {

    public static final Path SADC = Path.of("/usr/lib/sysstat/sadc");

    private Sysstat() {
    }

    /** Skips the test when sysstat is missing (fails instead with {@code -Dworkbench.requireSshd=true}, as CI runs). */
    public static void assumeInstalled() {
        boolean present = Files.isExecutable(SADC) && Files.isExecutable(Path.of("/usr/bin/sadf"));
        if (!present && Boolean.getBoolean("workbench.requireSshd")) {
            throw new AssertionError("sysstat is not installed (" + SADC + "): apt-get install sysstat");
        }
        Assumptions.assumeTrue(present, "sysstat is not installed: apt-get install sysstat to run the sar history tests");
    }

    /** Runs sysstat's collector for {@code samples} samples a second apart into {@code saDD} of today (UTC). */
    public static Path collect(Path saDir, int samples) throws Exception {
        return collect(saDir, 1, samples);
    }

    /**
     * Runs {@code sadc -S XALL INTERVAL SAMPLES} into {@code saDD} of today (UTC): {@code samples - 1} records
     * {@code intervalSeconds} apart (sadc's first sample is the baseline of the second).
     */
    public static Path collect(Path saDir, int intervalSeconds, int samples) throws Exception {
        assumeInstalled();
        Path archive = saDir.resolve(String.format("sa%02d", LocalDate.now(ZoneOffset.UTC).getDayOfMonth()));
        Process p = new ProcessBuilder(SADC.toString(), "-S", "XALL", String.valueOf(intervalSeconds), String.valueOf(samples),
                archive.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor((long) intervalSeconds * samples + 10L, TimeUnit.SECONDS), "sadc did not finish");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return archive;
    }

    /** An ssh_config in {@code dir} where {@code alias} is the test sshd, with its user and key. */
    public static Path sshConfig(Path dir, String alias, OpenSshTestServer sshd) throws Exception {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, "Host " + alias + "\n  HostName " + sshd.address() + "\n  Port " + sshd.port()
                + "\n  User " + sshd.user() + "\n  IdentityFile " + sshd.userKeyFile() + "\n");
        return config;
    }
}
