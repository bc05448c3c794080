package org.incidentworkbench.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the byte stream of the {@link SamplerScript} loop into {@link StreamEvent}s, as the bytes
 * arrive in pieces of any size. A frame is delivered only when its end marker names the same sequence
 * number as its begin marker and the body's byte count matches; everything else becomes a
 * {@link StreamEvent.Corrupt} with the reason: a begin marker inside a frame (the previous one was cut
 * off), a wrong count, a frame over {@code maxFrameBytes}, the stream ending inside a frame. Lines
 * outside frames (a login script that prints something) are skipped.
 *
 * <p>Holds at most one frame (plus one line) of bytes. Not thread-safe: one decoder per stream.
 */
public final class FrameDecoder {

    static final String HELLO = "#iw-hello ";
    static final String BEGIN = "#iw-frame ";
    static final String END = "#iw-end ";

    /** The default cap: a frame of a 2-core VM is about 8 KB; a 256-CPU server's /proc/stat about 100 KB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

    private final int maxFrameBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lineOverflow;
    private byte[] body = new byte[8192];
    private int bodyLength;
    private boolean inFrame;
    private boolean skipping;
    private long sequence;
    private long serverTimeMicros;
    private long skippedLines;

    public FrameDecoder() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Feeds bytes as they arrived; returns the events they completed, in order (often none). */
    public List<StreamEvent> feed(byte[] bytes, int offset, int length) {
        List<StreamEvent> events = new ArrayList<>(1);
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                onLine(events);
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
        return events;
    }

    /** The stream ended: a frame still open was cut off. */
    public List<StreamEvent> finish() {
        List<StreamEvent> events = new ArrayList<>(1);
        if (inFrame) {
            events.add(new StreamEvent.Corrupt("The stream ended inside frame " + sequence + " (the frame was cut off)."));
        }
        reset();
        return events;
    }

    /** Forgets any partial frame (after a reconnect the new stream starts clean). */
    public void reset() {
        inFrame = false;
        skipping = false;
        bodyLength = 0;
        lineLength = 0;
        lineOverflow = false;
    }

    /** Lines seen outside any frame (login noise), for diagnostics. */
    public long skippedLines() {
        return skippedLines;
    }

    private void append(byte[] bytes, int from, int count) {
        if (count <= 0 || lineOverflow) {
            return;
        }
        if (lineLength + count > maxFrameBytes) {
            lineOverflow = true;
            return;
        }
        if (lineLength + count > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, lineLength + count)];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(bytes, from, line, lineLength, count);
        lineLength += count;
    }

    private void onLine(List<StreamEvent> events) {
        boolean overflow = lineOverflow;
        int length = lineLength;
        lineLength = 0;
        lineOverflow = false;
        if (startsWith(BEGIN, length)) {
            if (inFrame) {
                events.add(new StreamEvent.Corrupt("Frame " + sequence + " was cut off: frame marker '"
                        + text(length) + "' came before its end marker."));
            }
            beginFrame(text(length), events);
            return;
        }
        if (skipping) {
            return;
        }
        if (!inFrame) {
            if (startsWith(HELLO, length)) {
                events.add(hello(text(length)));
            } else {
                skippedLines++;
            }
            return;
        }
        if (startsWith(END, length)) {
            endFrame(text(length), events);
            return;
        }
        if (overflow || bodyLength + length + 1 > maxFrameBytes) {
            events.add(new StreamEvent.Corrupt("Frame " + sequence + " is larger than " + maxFrameBytes
                    + " bytes; it was skipped."));
            inFrame = false;
            skipping = true;
            bodyLength = 0;
            return;
        }
        if (bodyLength + length + 1 > body.length) {
            body = java.util.Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + length + 1));
        }
        System.arraycopy(line, 0, body, bodyLength, length);
        bodyLength += length;
        body[bodyLength++] = '\n';
    }

    private void beginFrame(String marker, List<StreamEvent> events) {
        bodyLength = 0;
        skipping = false;
        String[] f = marker.split(" ");
        try {
            if (f.length != 3) {
                throw new NumberFormatException();
            }
            sequence = Long.parseLong(f[1]);
            serverTimeMicros = parseEpochMicros(f[2]);
            inFrame = true;
        } catch (NumberFormatException e) {
            inFrame = false;
            skipping = true;
            events.add(new StreamEvent.Corrupt("The frame marker '" + marker + "' is unreadable; the frame was skipped."));
        }
    }

    private void endFrame(String marker, List<StreamEvent> events) {
        inFrame = false;
        String[] f = marker.split(" ");
        long endSequence;
        long count;
        try {
            endSequence = Long.parseLong(f[1]);
            count = f.length == 3 ? Long.parseLong(f[2]) : -1;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            events.add(new StreamEvent.Corrupt("The end marker '" + marker + "' of frame " + sequence + " is unreadable."));
            bodyLength = 0;
            return;
        }
        int actual = Math.max(0, bodyLength - 1);
        if (endSequence != sequence) {
            events.add(new StreamEvent.Corrupt("Frame " + sequence + " ended with the marker of frame " + endSequence + "."));
        } else if (count != actual) {
            events.add(new StreamEvent.Corrupt("Frame " + sequence + " has " + actual + " bytes but its end marker says "
                    + count + " (cut off or garbled)."));
        } else {
            events.add(new StreamEvent.Frame(sequence, serverTimeMicros, new String(body, 0, actual, StandardCharsets.ISO_8859_1)));
        }
        bodyLength = 0;
    }

    private static StreamEvent hello(String text) {
        String[] f = text.split(" ");
        Map<String, String> parameters = new HashMap<>();
        int version;
        try {
            version = Integer.parseInt(f[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return new StreamEvent.Corrupt("The sampler's greeting '" + text + "' is unreadable.");
        }
        for (int i = 2; i < f.length; i++) {
            int eq = f[i].indexOf('=');
            if (eq > 0) {
                parameters.put(f[i].substring(0, eq), f[i].substring(eq + 1));
            }
        }
        return new StreamEvent.Hello(version, parameters);
    }

    /** {@code 1795591846}, {@code 1795591846.228842} or {@code 1795591846.228842123} to epoch microseconds. */
    static long parseEpochMicros(String s) {
        int dot = s.indexOf('.');
        String whole = dot < 0 ? s : s.substring(0, dot);
        long seconds = Long.parseLong(whole);
        long micros = 0;
        if (dot >= 0) {
            String fraction = s.substring(dot + 1);
            if (fraction.isEmpty() || !fraction.chars().allMatch(Character::isDigit)) {
                throw new NumberFormatException(s);
            }
            String six = (fraction + "000000").substring(0, 6);
            micros = Long.parseLong(six);
        }
        if (seconds < 0 || whole.isEmpty() || whole.charAt(0) == '-' || whole.charAt(0) == '+') {
            throw new NumberFormatException(s);
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), micros);
    }

    private boolean startsWith(String prefix, int length) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String text(int length) {
        return new String(line, 0, Math.min(length, 200), StandardCharsets.ISO_8859_1);
    }
}
