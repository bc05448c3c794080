package org.incidentworkbench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * An ordinary (non-root) account on this machine for one test, made with {@code useradd} and removed
 * with {@code userdel -r} on close, so a test can log in through a real sshd as a user without access to
 * the kernel log, or with a sudo rule of its own. Its name is unique per instance ({@code iwt} and random
 * hex), so every process it owns belongs to the test: {@link #processes()} lists them through
 * {@code /proc}. Needs root (skips otherwise, or fails under {@code -Dworkbench.requireSshd=true}).
 *
 * <pre>{@code
 * try (LocalUser alice = LocalUser.create(); OpenSshTestServer sshd = OpenSshTestServer.builder().readableByAllUsers().start()) {
 *     HostSpec spec = sshd.hostSpec(alice.name());
 * }
 * }</pre>
 */
public final class LocalUser implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final int uid;
    private final Path home;
    private final List<Path> sudoers = new ArrayList<>();

    private LocalUser(String name, int uid, Path home) {
        this.name = name;
        this.uid = uid;
        this.home = home;
    }

    /** Skips the test when not root or without useradd; fails instead under workbench.requireSshd. */
    public static void assumeAvailable() {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean tools = Files.isExecutable(Path.of("/usr/sbin/useradd")) && Files.isExecutable(Path.of("/usr/sbin/userdel"));
        if (root && tools) {
            return;
        }
        String message = "Creating a test user needs root and useradd/userdel (package passwd): run the tests as root to"
                + " log in as an ordinary user.";
        if (Boolean.getBoolean("workbench.requireSshd")) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** Skips the test when sudo is missing (package sudo); fails instead under workbench.requireSshd. */
    public static void assumeSudo() {
        if (Files.isExecutable(Path.of("/usr/bin/sudo"))) {
            return;
        }
        String message = "sudo is not installed: run `apt-get install sudo` to test --sudo against a real sudoers rule.";
        if (Boolean.getBoolean("workbench.requireSshd")) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** A new user with a home, bash as shell, unlocked for key logins ({@code usermod -p '*'}). */
    public static LocalUser create() {
        assumeAvailable();
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        String name = "iwt" + HexFormat.of().formatHex(b);
        try {
            OpenSshTestServer.run(List.of("/usr/sbin/useradd", "-m", "-s", "/bin/bash", name));
            OpenSshTestServer.run(List.of("/usr/sbin/usermod", "-p", "*", name));
            int uid = Integer.parseInt(OpenSshTestServer.run(List.of("/usr/bin/id", "-u", name)).strip());
            String home = OpenSshTestServer.run(List.of("/usr/bin/getent", "passwd", name)).strip().split(":")[5];
            return new LocalUser(name, uid, Path.of(home));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the test user " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public int uid() {
        return uid;
    }

    public Path home() {
        return home;
    }

    /** Changes the user's login shell ({@code usermod -s}); the path need not exist outside a chroot. */
    public void loginShell(String shell) {
        try {
            OpenSshTestServer.run(List.of("/usr/sbin/usermod", "-s", shell, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file in the user's home (for example {@code .ssh/rc}), owned by the user. */
    public Path writeHomeFile(String relative, String content) {
        try {
            Path file = home.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            OpenSshTestServer.run(List.of("/bin/chown", "-R", name + ":", home.toString()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sudoers rule for this user in {@code /etc/sudoers.d/<name>} (checked with {@code visudo -c}),
     * removed on close. Example: {@code "ALL=(root) NOPASSWD: /usr/bin/dmesg"}.
     */
    public void allowSudo(String rule) {
        assumeSudo();
        Path file = Path.of("/etc/sudoers.d", name);
        try {
            Files.writeString(file, name + " " + rule + "\n");
            sudoers.add(file);
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));
            OpenSshTestServer.run(List.of("/usr/sbin/visudo", "-c", "-f", file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("The sudoers rule '" + rule + "' was refused: " + e.getMessage(), e);
        }
    }

    /** The command lines of every process this user owns now (through /proc). */
    public List<String> processes() {
        List<String> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> {
            try {
                if (Files.getAttribute(Path.of("/proc/" + p.pid()), "unix:uid").equals(uid)) {
                    out.add(p.pid() + " " + Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ').strip());
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException gone) {
                // ended meanwhile
            }
        });
        return out;
    }

    /** Waits up to {@code millis} for the user's processes to end; returns those still there. */
    public List<String> awaitNoProcesses(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        List<String> left = processes();
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = processes();
        }
        return left;
    }

    @Override
    public void close() {
        for (Path f : sudoers) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // reported by the next visudo -c at worst
            }
        }
        try {
            new ProcessBuilder("/usr/bin/pkill", "-KILL", "-u", name).start().waitFor();
            OpenSshTestServer.run(List.of("/usr/sbin/userdel", "-r", "-f", name));
        } catch (IOException e) {
            // userdel -r complains about a missing mail spool; the account is gone all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
