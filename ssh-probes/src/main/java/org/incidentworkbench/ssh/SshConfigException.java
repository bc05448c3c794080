package org.incidentworkbench.ssh;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An ssh_config file or a typed target that cannot be used, with a message naming the file and line
 * (or the text typed) and what to fix. Unchecked: it is a usage error, reported once, not retried.
 */
public final class SshConfigException extends IllegalArgumentException {

    private final Optional<Path> file;
    private final int line;

    public SshConfigException(String message, Optional<Path> file, int line) {
        super(message);
        this.file = file;
        this.line = line;
    }

    /** The config file at fault, empty for a typed target. */
    public Optional<Path> file() {
        return file;
    }

    /** 1-based line in {@link #file()}, 0 when not about a line. */
    public int line() {
        return line;
    }

    /** As a host failure of kind BAD_CONFIG, for reports that list hosts. */
    public HostFailure toHostFailure() {
        return new HostFailure(HostFailure.Kind.BAD_CONFIG, getMessage(),
                file.map(f -> f + (line > 0 ? ":" + line : "")).orElse(""));
    }
}
