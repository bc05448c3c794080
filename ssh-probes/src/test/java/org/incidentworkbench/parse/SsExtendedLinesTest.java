package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ss -i}, {@code -m}, {@code -e}, {@code -p} print a socket's details on tab-indented lines under it
 * (captured here while a local server held three connections, one with 100 kB unread): they belong to that
 * socket and are no sockets of their own.
 */
class SsExtendedLinesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"debian-12/ss-tanpiem.out", "debian-12/ss-tmi.out", "debian-12/ss-tin--filtered.out",
            "debian-12/ss-tane.out"})
    void detailLinesBelongToTheSocketAboveThem(String file) {
        String text = Fixtures.text(file);
        SsReport ss = Fixtures.parsed(new SsParser(), text);
        List<String> rows = text.lines().skip(1).filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList();
        assertEquals(rows.size(), ss.sockets().size(), "one socket per unindented row");
        ss.sockets().forEach(s -> assertTrue(s.recvQueue().isPresent() && s.sendQueue().isPresent(), s.toString()));
        long detailLines = text.lines().filter(l -> l.startsWith("\t") && !l.isBlank()).count();
        long withDetails = ss.sockets().stream().filter(s -> s.details().orElse("").matches(".*(skmem:|rtt:|cwnd:).*")).count();
        assertTrue(detailLines == 0 || withDetails >= detailLines, withDetails + " sockets carry " + detailLines + " detail lines");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"debian-12/ss-tanpiem.out"})
    void theUnreadSocketKeepsItsQueueProcessAndMemory(String file) {
        SsReport ss = Fixtures.parsed(new SsParser(), Fixtures.text(file));
        SsReport.Socket unread = ss.sockets().stream().filter(s -> s.recvQueue().orElse(0L) == 100000).findFirst().orElseThrow();
        assertEquals("18089", unread.localPort().orElseThrow());
        assertEquals("python3", unread.processes().get(0).name());
        assertTrue(unread.details().orElseThrow().contains("skmem:(r102496,") && unread.details().get().contains("bytes_received:100000"),
                unread.details().get());
        assertEquals(2, ss.listeners().size());
    }
}
