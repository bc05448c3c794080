package org.incidentworkbench.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Real sampler streams recorded on this kind of machine (Debian 12, kernel 6.x) under CPU and disk load. */
final class Fixtures {

    /** Recorded with {@code bash --norc sampler.sh 1 2} (no process per frame, only the lines the parser reads; df on frames 0 and 2). */
    static final String BASH = "debian-12-bash.stream";
    /** Recorded with {@code dash sampler.sh 1 2} (date, head, sleep per frame; whole files). */
    static final String DASH = "debian-12-dash.stream";

    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/sample/frames/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Test fixture /sample/frames/" + name + " is missing.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<StreamEvent> events(String name) {
        byte[] b = bytes(name);
        FrameDecoder decoder = new FrameDecoder();
        List<StreamEvent> events = new ArrayList<>(decoder.feed(b, 0, b.length));
        events.addAll(decoder.finish());
        return events;
    }

    static List<StreamEvent.Frame> frames(String name) {
        return events(name).stream().filter(e -> e instanceof StreamEvent.Frame).map(e -> (StreamEvent.Frame) e).toList();
    }

    static List<ProcSnapshot> snapshots(String name) {
        return frames(name).stream().map(f -> FrameParser.parse(f, 4096)).toList();
    }
}
