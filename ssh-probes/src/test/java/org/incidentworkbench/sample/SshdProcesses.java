package org.incidentworkbench.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.incidentworkbench.testing.OpenSshTestServer;

/** Finds the sampling loop among a test sshd's processes through /proc. */
final class SshdProcesses {

    private SshdProcesses() {
    }

    /** The loops running under this sshd: command line names iw-sampler, the parent's does not (no forks). */
    static List<ProcessHandle> loops(OpenSshTestServer sshd) throws IOException {
        String dirName = sshd.directory().toString();
        ProcessHandle listener = ProcessHandle.allProcesses().filter(p -> cmdline(p).contains(dirName)
                && cmdline(p).contains("sshd")).findFirst().orElseThrow(() -> new IOException("sshd not found"));
        return listener.descendants().filter(p -> cmdline(p).contains("iw-sampler")
                && !p.parent().map(pp -> cmdline(pp).contains("iw-sampler")).orElse(false)).toList();
    }

    static ProcessHandle loop(OpenSshTestServer sshd) throws IOException {
        return loops(sshd).stream().findFirst()
                .orElseThrow(() -> new IOException("the sampling loop is not among sshd's processes"));
    }

    static String cmdline(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }
}
