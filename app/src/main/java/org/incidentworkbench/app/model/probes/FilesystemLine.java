package org.incidentworkbench.app.model.probes;

import java.util.Optional;
import org.incidentworkbench.app.format.Bytes;
import org.incidentworkbench.probe.Severity;

/**
 * One filesystem as the df view shows it: mount point first, use against the finding thresholds.
 *
 * @param mountedOn     the mount point
 * @param filesystem    the device or source
 * @param type          ext4, tmpfs... (empty when df printed no type)
 * @param sizeBytes     size, -1 when not printed
 * @param usedBytes     used, -1 when not printed
 * @param availableBytes available to unprivileged users, -1 when not printed
 * @param usedPercent   df's Use%, -1 when not printed
 * @param inodes        inodes in all, -1 when not printed or the filesystem has none
 * @param inodesUsed    inodes in use, -1 when unknown
 * @param inodesPercent df -i's IUse%, -1 when not printed
 * @param level         the severity {@code fs.full} gives this use, empty below its threshold
 * @param inodeLevel    the severity {@code fs.inodes} gives the inode use
 * @param judged        false for filesystems the rules skip (read-only images, loop devices, size 0): full by design
 */
public record FilesystemLine(String mountedOn, String filesystem, String type, long sizeBytes, long usedBytes,
                             long availableBytes, int usedPercent, long inodes, long inodesUsed, int inodesPercent,
                             Optional<Severity> level, Optional<Severity> inodeLevel, boolean judged) {

    public String sizeText() {
        return sizeBytes < 0 ? "" : Bytes.human(sizeBytes);
    }

    public String usedText() {
        return usedBytes < 0 ? "" : Bytes.human(usedBytes);
    }

    public String availableText() {
        return availableBytes < 0 ? "" : Bytes.human(availableBytes);
    }

    /** The larger of the two uses, what the list is sorted by. */
    public int worstPercent() {
        return Math.max(usedPercent, inodesPercent);
    }

    /** {@code 423k of 17M} inodes, counts shortened as df -hi does (decimal k, M). */
    public String inodesText() {
        if (inodes <= 0) {
            return "";
        }
        return count(inodesUsed) + " of " + count(inodes);
    }

    static String count(long n) {
        if (n < 0) {
            return "?";
        }
        if (n < 10_000) {
            return String.valueOf(n);
        }
        if (n < 1_000_000) {
            return Math.round(n / 1000.0) + "k";
        }
        if (n < 10_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fM", n / 1_000_000.0);
        }
        return Math.round(n / 1_000_000.0) + "M";
    }
}
