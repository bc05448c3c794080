package org.incidentworkbench.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    @ParameterizedTest(name = "recorded stream {0} decodes into a greeting and four whole frames")
    @ValueSource(strings = {Fixtures.BASH, Fixtures.DASH})
    void recordedStreamDecodes(String fixture) {
        List<StreamEvent> events = Fixtures.events(fixture);
        assertEquals(5, events.size(), events.toString());
        StreamEvent.Hello hello = assertInstanceOf(StreamEvent.Hello.class, events.get(0));
        assertEquals(1, hello.version());
        assertEquals("1", hello.parameters().get("interval"));
        assertEquals(4096, hello.pageSizeBytes());
        for (int i = 1; i < 5; i++) {
            StreamEvent.Frame f = assertInstanceOf(StreamEvent.Frame.class, events.get(i));
            assertEquals(i - 1, f.sequence());
            assertTrue(f.body().startsWith("==> /proc/uptime <==\n"), f.body().substring(0, 40));
            assertTrue(f.serverTimeMicros() > 1_700_000_000_000_000L);
        }
    }

    @ParameterizedTest(name = "{0} fed one byte at a time gives the same frames as in one piece")
    @ValueSource(strings = {Fixtures.BASH, Fixtures.DASH})
    void byteAtATime(String fixture) {
        byte[] b = Fixtures.bytes(fixture);
        FrameDecoder decoder = new FrameDecoder();
        List<StreamEvent> events = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            events.addAll(decoder.feed(b, i, 1));
        }
        assertEquals(Fixtures.events(fixture), events);
    }

    @Test
    void frameCutOffByTheNextFrameIsCorruptAndTheNextOneSurvives() {
        String s = stream();
        int cut = s.indexOf("==> /proc/meminfo", s.indexOf("#iw-frame 1 "));
        int next = s.indexOf("#iw-frame 2 ");
        List<StreamEvent> events = decode(s.substring(0, cut) + s.substring(next));
        List<String> kinds = events.stream().map(e -> e.getClass().getSimpleName()).toList();
        assertEquals(List.of("Hello", "Frame", "Corrupt", "Frame", "Frame"), kinds);
        assertTrue(((StreamEvent.Corrupt) events.get(2)).reason().contains("Frame 1 was cut off"), events.get(2).toString());
        assertEquals(2, ((StreamEvent.Frame) events.get(3)).sequence());
    }

    @Test
    void bodyWithALostLineFailsItsByteCount() {
        String s = stream();
        int frame1 = s.indexOf("#iw-frame 1 ");
        int line = s.indexOf("MemFree:", frame1);
        String garbled = s.substring(0, line) + s.substring(s.indexOf('\n', line) + 1);
        List<StreamEvent> events = decode(garbled);
        StreamEvent.Corrupt corrupt = assertInstanceOf(StreamEvent.Corrupt.class, events.get(2));
        assertTrue(corrupt.reason().contains("end marker says"), corrupt.reason());
        assertEquals(4, events.stream().filter(e -> e instanceof StreamEvent.Frame).count() + 1);
    }

    @Test
    void endMarkerOfAnotherFrameIsCorrupt() {
        String s = stream().replaceFirst("#iw-end 1 ", "#iw-end 7 ");
        StreamEvent.Corrupt corrupt = assertInstanceOf(StreamEvent.Corrupt.class, decode(s).get(2));
        assertTrue(corrupt.reason().contains("ended with the marker of frame 7"), corrupt.reason());
    }

    @Test
    void streamEndingInsideAFrameIsCorruptOnFinish() {
        String s = stream();
        String cut = s.substring(0, s.indexOf("==> /proc/vmstat", s.indexOf("#iw-frame 3 ")));
        FrameDecoder decoder = new FrameDecoder();
        byte[] b = cut.getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(4, decoder.feed(b, 0, b.length).size());
        List<StreamEvent> end = decoder.finish();
        assertEquals(1, end.size());
        assertTrue(((StreamEvent.Corrupt) end.get(0)).reason().contains("inside frame 3"));
    }

    @Test
    void loginNoiseBeforeTheGreetingIsSkipped() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] noise = "Welcome to web-1!\nLast login: yesterday\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of(), decoder.feed(noise, 0, noise.length));
        byte[] b = Fixtures.bytes(Fixtures.BASH);
        assertEquals(5, decoder.feed(b, 0, b.length).size());
        assertEquals(2, decoder.skippedLines());
    }

    @Test
    void oversizedFrameIsSkippedAndTheStreamRecovers() {
        String s = stream();
        FrameDecoder decoder = new FrameDecoder(1024);
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        List<StreamEvent> events = decoder.feed(b, 0, b.length);
        assertTrue(events.stream().allMatch(e -> e instanceof StreamEvent.Hello || e instanceof StreamEvent.Corrupt), events.toString());
        byte[] small = "#iw-frame 9 1795591991.5\n==> /proc/loadavg <==\n0.1 0.2 0.3 1/2 3\n#iw-end 9 39\n".getBytes(StandardCharsets.ISO_8859_1);
        List<StreamEvent> after = decoder.feed(small, 0, small.length);
        assertEquals(1, after.size());
        assertEquals(9, assertInstanceOf(StreamEvent.Frame.class, after.get(0)).sequence());
    }

    @Test
    void unreadableFrameMarkerIsCorrupt() {
        byte[] b = "#iw-frame 1 yesterday\nx\n#iw-end 1 1\n".getBytes(StandardCharsets.ISO_8859_1);
        List<StreamEvent> events = new FrameDecoder().feed(b, 0, b.length);
        assertEquals(1, events.size());
        assertInstanceOf(StreamEvent.Corrupt.class, events.get(0));
    }

    @Test
    void serverTimeReadsInEveryResolutionTheLoopPrints() {
        assertEquals(1_795_591_846_000_000L, FrameDecoder.parseEpochMicros("1795591846"));
        assertEquals(1_795_591_846_228_842L, FrameDecoder.parseEpochMicros("1795591846.228842"));
        assertEquals(1_795_591_846_228_842L, FrameDecoder.parseEpochMicros("1795591846.228842999"));
        assertEquals(1_795_591_846_200_000L, FrameDecoder.parseEpochMicros("1795591846.2"));
        assertThrows(NumberFormatException.class, () -> FrameDecoder.parseEpochMicros("1795591846.%N"));
        assertThrows(NumberFormatException.class, () -> FrameDecoder.parseEpochMicros("-5"));
    }

    private static String stream() {
        return new String(Fixtures.bytes(Fixtures.BASH), StandardCharsets.ISO_8859_1);
    }

    private static List<StreamEvent> decode(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        FrameDecoder decoder = new FrameDecoder();
        List<StreamEvent> events = new ArrayList<>(decoder.feed(b, 0, b.length));
        events.addAll(decoder.finish());
        return events;
    }
}
