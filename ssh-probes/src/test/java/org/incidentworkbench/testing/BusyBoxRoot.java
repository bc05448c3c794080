package org.incidentworkbench.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A BusyBox host for one test: a root directory holding only Debian's static BusyBox and a symlink per
 * applet ({@code /bin/sh} and {@code /bin/ash} are BusyBox too), with {@code /proc} and {@code /sys}
 * mounted, for an sshd that chroots a {@link LocalUser} into it ({@link OpenSshTestServer.Builder#chroot}):
 * that user's login shell is BusyBox {@code ash} and every command on its PATH is a BusyBox applet, as on
 * an Alpine VM or a BusyBox appliance. Processes, sockets and interfaces are the machine's own (one
 * kernel), so a busy loop or a CLOSE-WAIT socket made by the test is what the probes see.
 *
 * <p>The root is a fresh 32 MiB tmpfs under {@code /run} (sshd wants every component of a chroot path
 * root-owned and not writable by others, so not under {@code /tmp}; and device nodes need a mount
 * without {@code nodev}). {@link #close()} unmounts everything it mounted. Needs root and the package
 * busybox-static (skips otherwise, or fails under {@code -Dworkbench.requireSshd=true}).
 */
public final class BusyBoxRoot implements AutoCloseable {

    public static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    private final Path dir;
    private final List<Path> mounts = new ArrayList<>();

    private BusyBoxRoot(Path dir) {
        this.dir = dir;
    }

    /** Skips without root or without busybox-static; fails instead under workbench.requireSshd. */
    public static void assumeAvailable() {
        LocalUser.assumeAvailable();
        if (Files.isExecutable(BUSYBOX)) {
            return;
        }
        String message = BUSYBOX + " is missing: run `apt-get install busybox-static` to test triage on a BusyBox host.";
        if (Boolean.getBoolean("workbench.requireSshd")) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** A BusyBox root where {@code user} has a home ({@code /home/NAME}) and {@code /bin/ash} as shell. */
    public static BusyBoxRoot create(LocalUser user) {
        assumeAvailable();
        BusyBoxRoot root = null;
        try {
            Path dir = Files.createTempDirectory(Path.of("/run"), "iw-busybox-");
            root = new BusyBoxRoot(dir);
            root.mount(dir, "-t", "tmpfs", "-o", "size=32m,mode=755", "iw-busybox", dir.toString());
            Path bin = Files.createDirectories(dir.resolve("bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : OpenSshTestServer.run(List.of(BUSYBOX.toString(), "--list")).split("\n")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
                }
            }
            Files.createSymbolicLink(dir.resolve("sbin"), Path.of("bin"));
            Files.createDirectories(dir.resolve("usr"));
            Files.createSymbolicLink(dir.resolve("usr/bin"), Path.of("../bin"));
            Files.createSymbolicLink(dir.resolve("usr/sbin"), Path.of("../bin"));
            Path etc = Files.createDirectories(dir.resolve("etc"));
            Files.copy(Path.of("/etc/passwd"), etc.resolve("passwd"));
            Files.copy(Path.of("/etc/group"), etc.resolve("group"));
            Files.createSymbolicLink(etc.resolve("mtab"), Path.of("/proc/self/mounts"));
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            OpenSshTestServer.run(List.of("/bin/chmod", "1777", tmp.toString()));
            Files.createDirectories(dir.resolve("dev"));
            for (String[] node : new String[][] {{"null", "3"}, {"zero", "5"}, {"urandom", "9"}}) {
                OpenSshTestServer.run(List.of("/usr/bin/mknod", "-m", "666", dir.resolve("dev/" + node[0]).toString(), "c", "1", node[1]));
            }
            Path proc = Files.createDirectories(dir.resolve("proc"));
            root.mount(proc, "-t", "proc", "proc", proc.toString());
            Path sys = Files.createDirectories(dir.resolve("sys"));
            root.mount(sys, "-t", "sysfs", "sysfs", sys.toString());
            Path home = Files.createDirectories(dir.resolve("home").resolve(user.name()));
            OpenSshTestServer.run(List.of("/bin/chown", user.name() + ":", home.toString()));
            user.loginShell("/bin/ash");
            return root;
        } catch (IOException e) {
            if (root != null) {
                root.close();
            }
            throw new UncheckedIOException("Could not build the BusyBox root: " + e.getMessage(), e);
        }
    }

    private void mount(Path target, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/mount"));
        cmd.addAll(List.of(args));
        OpenSshTestServer.run(cmd);
        mounts.add(target);
    }

    /** The root directory (for sshd's ChrootDirectory). */
    public Path directory() {
        return dir;
    }

    /**
     * A tmpfs of {@code sizeMiB} mounted at {@code inside} (an absolute path as seen in the root), for a
     * filesystem the test fills; unmounted on close.
     */
    public Path mountTmpfs(String inside, int sizeMiB) {
        try {
            Path target = Files.createDirectories(dir.resolve(inside.substring(1)));
            mount(target, "-t", "tmpfs", "-o", "size=" + sizeMiB + "m,mode=755", "iw-busybox-fill", target.toString());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = mounts.size() - 1; i >= 0; i--) {
            try {
                OpenSshTestServer.run(List.of("/usr/bin/umount", "-l", mounts.get(i).toString()));
            } catch (IOException ignored) {
                // already gone; a lazy unmount never waits for busy users
            }
        }
        mounts.clear();
        try {
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // an empty directory under /run is harmless and goes at reboot
        }
    }
}
