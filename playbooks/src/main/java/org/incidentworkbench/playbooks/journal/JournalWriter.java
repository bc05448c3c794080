package org.incidentworkbench.playbooks.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends events to an incident's journal, one JSON line per event, each on disk before
 * {@link #append} returns, so that a crash of the workbench loses nothing that was recorded.
 *
 * <p><b>Format.</b> UTF-8 JSON Lines (see {@link JournalCodec}): {@code {"time","kind","actor","payload"}}
 * then {@code \n}. An event is <em>committed</em> when its line end is in the file. Each event goes
 * to the file in one {@code write} of the whole line and is then forced to the device
 * ({@link Durability#FSYNC}, the default) or left to the OS ({@link Durability#OS_BUFFER}, which
 * survives a killed process but not a power cut). The file is only ever appended to: committed
 * lines are never rewritten.
 *
 * <p><b>After a crash.</b> {@link #resume} reads the journal with {@link JournalReader}; a torn last
 * line (the write the dead process never finished) is reported in {@link #resumedFrom()} and cut
 * off, because it was never committed, and appending goes on after the last committed line. The
 * caller usually records a {@link JournalEvent.Marker} saying that the recording resumed.
 *
 * <p>One writer per journal: the file is locked while open, so a second workbench recording the same
 * incident fails with a sentence instead of interleaving lines. Thread-safe: appends are serialised.
 */
public final class JournalWriter implements Closeable {

    /** How far an event has got when {@link #append} returns. */
    public enum Durability {
        /** On the storage device ({@code fsync}); survives a power cut. */
        FSYNC,
        /** In the operating system's page cache; survives the workbench being killed. */
        OS_BUFFER
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Durability durability;
    private final JournalContents resumedFrom;
    private long eventsWritten;
    private boolean closed;

    private JournalWriter(Path file, FileChannel channel, FileLock lock, Durability durability, JournalContents resumedFrom) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.durability = durability;
        this.resumedFrom = resumedFrom;
        this.eventsWritten = resumedFrom.events().size();
    }

    /** Starts a new journal; fails if the file exists (an incident is never overwritten). */
    public static JournalWriter create(Path file) throws IOException {
        return create(file, Durability.FSYNC);
    }

    public static JournalWriter create(Path file, Durability durability) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(file.toString(), null,
                    "a journal already exists there; resume it instead of starting a new one");
        }
        FileLock lock = lockOrClose(file, channel);
        return new JournalWriter(file, channel, lock, durability, new JournalContents(java.util.List.of(), java.util.List.of(), 0));
    }

    /**
     * Continues an existing journal after its last committed line; a torn last line is cut off and
     * reported in {@link #resumedFrom()}.
     */
    public static JournalWriter resume(Path file) throws IOException {
        return resume(file, Durability.FSYNC);
    }

    public static JournalWriter resume(Path file, Durability durability) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "there is no journal to resume there");
        }
        FileLock lock = lockOrClose(file, channel);
        try {
            JournalContents contents = JournalReader.read(Files.readAllBytes(file));
            if (contents.tornLastLine().isPresent()) {
                channel.truncate(contents.committedBytes());
                channel.force(true);
            }
            channel.position(contents.committedBytes());
            return new JournalWriter(file, channel, lock, durability, contents);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    private static FileLock lockOrClose(Path file, FileChannel channel) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("The journal " + file + " is being recorded by another workbench (it is locked); "
                    + "close the incident there first.");
        }
        return lock;
    }

    /** Writes one event and returns once it is committed (see {@link Durability}). */
    public synchronized void append(JournalEvent event) throws IOException {
        if (closed) {
            throw new IllegalStateException("The journal " + file + " is closed; resume it to record more events.");
        }
        ByteBuffer line = ByteBuffer.wrap(JournalCodec.toLine(event));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        if (durability == Durability.FSYNC) {
            channel.force(false);
        }
        eventsWritten++;
    }

    /** What the journal held when this writer resumed it (empty for a new journal). */
    public JournalContents resumedFrom() {
        return resumedFrom;
    }

    /** Events in the journal: those found when resuming plus those appended since. */
    public synchronized long eventsWritten() {
        return eventsWritten;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
