package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * top with fields added after COMMAND, some holding spaces: ENVIRON on this machine (procps-ng 4.0.2, fields
 * switched on in top's field screen and saved to a private toprc, {@code top -b -n1 -w 512 -c -p ...} of three
 * processes started with {@code env -i}), and jc's CentOS 7 capture with every field on. Thread names with
 * spaces ({@code top -H} of a JVM) stay whole too.
 */
class TopMoreFieldsTest {

    private final TopParser parser = new TopParser();

    @Test
    void environWithSpacesDoesNotShiftTheColumnsAfterIt() {
        TopReport top = Fixtures.parsed(parser, Fixtures.text("debian-12/top-b-n1-w512-c--environ-and-more-fields.out"));
        assertEquals(3, top.processes().size());
        Map<String, String> sleep = top.processes().get(0).other();
        assertEquals("HOME=/ LANG=C.UTF-8 APP_MODE=paste-test", sleep.get("ENVIRON"));
        assertEquals("0", sleep.get("vMn"));
        assertEquals("4026531839", sleep.get("nsIPC"));
        assertEquals("4026531837", sleep.get("nsUSER"));
        assertEquals("-", sleep.get("LXC"));
        assertEquals("108", sleep.get("RSan"));
        assertEquals("1672", sleep.get("RSfd"));
        assertEquals("524", sleep.get("SID"));
        assertEquals("356", sleep.get("DATA"));
        assertEquals("-", top.processes().get(1).other().get("ENVIRON"));
        assertEquals("92", top.processes().get(1).other().get("RSan"));
        TopReport.TopProcess nginx = top.processes().get(2);
        assertEquals("nginx: worker process 301", nginx.command());
        assertEquals("PWD=/tmp/cap TZ=UTC SHLVL=0 PATH=/usr/bin:/bin", nginx.other().get("ENVIRON"));
        assertEquals("4026531837", nginx.other().get("nsUSER"));
        assertEquals("1384", nginx.other().get("RSfd"));
    }

    @Test
    void everyFieldOfJcsCentosCaptureMatchesJc() {
        Fixtures.Fixture f = Fixtures.all().stream().filter(x -> x.name().equals("top-b-n1-gib-allfields-w")).findFirst().orElseThrow();
        TopReport top = Fixtures.parsed(parser, f.text());
        JsonNode expected = f.expected().get(0).path("processes");
        assertEquals(expected.size(), top.processes().size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            Map<String, String> o = top.processes().get(i).other();
            String at = "pid " + e.path("pid").asLong();
            assertEquals(e.path("minor_page_fault_count_delta").asText(), o.get("vMn"), at);
            assertEquals(e.path("thread_gid").asText(), o.get("TGID"), at);
            assertEquals(text(e.path("ipc_namespace_inode")), o.get("nsIPC"), at);
            assertEquals(text(e.path("nts_namespace_inode")), o.get("nsUTS"), at);
            assertEquals(e.path("supplementary_groups").isArray() ? String.join(",", strings(e.path("supplementary_groups"))) : "-",
                    o.get("SUPGRPS"), at);
            // jc drops the word top cut short with "+": the printed value starts with jc's variables
            String env = e.path("environment_variables").isArray() ? String.join(" ", strings(e.path("environment_variables"))) : "-";
            assertTrue(o.get("ENVIRON").startsWith(env), at + ": " + o.get("ENVIRON"));
        }
    }

    @Test
    void threadNamesWithSpacesStayWhole() {
        String text = Fixtures.text("debian-12/top-H-b-n1-w512-p--java-threads.out");
        TopReport top = Fixtures.parsed(parser, text);
        assertEquals(text.lines().dropWhile(l -> !l.contains("PID")).skip(1).filter(l -> !l.isBlank()).count(), top.processes().size());
        assertTrue(top.processes().stream().anyMatch(p -> p.command().equals("GC Thread#0")));
        assertTrue(top.processes().stream().anyMatch(p -> p.command().equals("G1 Main Marker")));
        top.processes().forEach(p -> assertEquals(Optional.of("root"), p.user()));
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "-" : n.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
