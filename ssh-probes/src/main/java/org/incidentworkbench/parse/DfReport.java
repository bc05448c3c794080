package org.incidentworkbench.parse;

import java.util.List;
import java.util.Optional;

/**
 * Filesystems as {@code df} lists them, space and inodes merged by mount point.
 *
 * @param filesystems one per mount, in the order printed
 * @param total       the {@code total} row {@code df --total} adds (filesystem {@code total}, mounted on {@code -}):
 *                    the sum of the rows, not a filesystem, so not among {@code filesystems}
 */
public record DfReport(List<Filesystem> filesystems, Optional<Filesystem> total) {

    public DfReport {
        filesystems = List.copyOf(filesystems);
    }

    /** A listing without a total row. */
    public DfReport(List<Filesystem> filesystems) {
        this(filesystems, Optional.empty());
    }

    /**
     * One mounted filesystem. Sizes are bytes (converted from the block size or human suffix the
     * header names); inode fields are empty when only the space table was given and vice versa.
     *
     * @param filesystem        the device or source, for example {@code /dev/vda} or {@code tmpfs}
     * @param type              {@code ext4}, {@code tmpfs}... (only with {@code -T})
     * @param sizeBytes         total size
     * @param usedBytes         used space
     * @param availableBytes    space available to unprivileged users
     * @param usedPercent       df's own {@code Use%}, which counts reserved blocks as used
     * @param inodes            total inodes ({@code df -i}); empty for filesystems without inodes
     * @param inodesUsed        inodes in use
     * @param inodesFree        inodes free
     * @param inodesUsedPercent df's {@code IUse%}; empty when df prints {@code -}
     * @param mountedOn         the mount point, spaces kept
     */
    public record Filesystem(String filesystem, Optional<String> type, Optional<Long> sizeBytes,
                             Optional<Long> usedBytes, Optional<Long> availableBytes, Optional<Integer> usedPercent,
                             Optional<Long> inodes, Optional<Long> inodesUsed, Optional<Long> inodesFree,
                             Optional<Integer> inodesUsedPercent, String mountedOn) {
    }

    /** The filesystem mounted at the given path. */
    public Optional<Filesystem> mount(String mountPoint) {
        return filesystems.stream().filter(f -> f.mountedOn().equals(mountPoint)).findFirst();
    }
}
