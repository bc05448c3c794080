package org.incidentworkbench.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.incidentworkbench.probe.Probes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the commands on the machine the tests run on (under {@code LC_ALL=C}, as the probes do) and
 * parses their output, so a tool version that prints differently from the fixtures fails here first.
 * A command that is not installed is skipped with the package to install.
 */
class LiveOutputTest {

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("w", "w", "procps"),
                Arguments.of("uptime", "uptime", "procps"),
                Arguments.of("ps", "ps -ww -eo pid,ppid,user,stat,pcpu,pmem,rss,vsz,etimes,comm,args", "procps"),
                Arguments.of("ps", "ps aux", "procps"),
                Arguments.of("ps", "ps -ef", "procps"),
                Arguments.of("df", "df -PTk", "coreutils"),
                Arguments.of("df", "df -h", "coreutils"),
                Arguments.of("df", "df -i", "coreutils"),
                Arguments.of("top", "top -b -n 2 -d 0.2 -w 512", "procps"),
                Arguments.of("iostat", "iostat -x", "sysstat"),
                Arguments.of("iostat", "iostat -m", "sysstat"),
                Arguments.of("iostat", "iostat", "sysstat"),
                Arguments.of("ps", "ps -eo comm,pid,lstart,args", "procps"),
                Arguments.of("df", "df -T", "coreutils"),
                Arguments.of("ip", "ip -br addr", "iproute2"),
                Arguments.of("ip", "ip -br link", "iproute2"),
                Arguments.of("free", "free -m", "procps"),
                Arguments.of("ss", "ss -s", "iproute2"),
                Arguments.of("ss", "ss -tanp", "iproute2"),
                Arguments.of("ss", "ss -a", "iproute2"),
                Arguments.of("ip", "ip -s addr", "iproute2"),
                Arguments.of("ip", "ip -s -s link", "iproute2"),
                Arguments.of("ip", "ip route", "iproute2"),
                Arguments.of("free", "free", "procps"),
                Arguments.of("free", "free -h -w", "procps"),
                Arguments.of("vmstat", "vmstat -a -w -t", "procps"),
                Arguments.of("vmstat", "vmstat -d", "procps"),
                Arguments.of("logs", "dmesg -T", "util-linux"),
                Arguments.of("logs", "dmesg", "util-linux"));
    }

    @ParameterizedTest(name = "{1} on this machine")
    @MethodSource("commands")
    void liveOutputParsesWithoutWarnings(String parserName, String command, String pkg) throws Exception {
        String tool = command.split(" ")[0];
        assumeTrue(run("command -v " + tool).exitCode == 0, tool + " is not installed: apt-get install " + pkg);
        Result r = run(command);
        assumeTrue(r.exitCode == 0 && !r.out.contains("Operation not permitted"),
                command + " cannot run here (exit " + r.exitCode + "): " + r.out.lines().findFirst().orElse(""));
        // dmesg prints nothing once someone ran dmesg -C: nothing to recognise, not a parser failure
        assumeTrue(!r.out.isBlank(), command + " printed nothing on this machine (for dmesg: the ring buffer was cleared)");
        OutputParser<?> parser = Probes.parser(parserName).orElseThrow();
        ParseOutcome<?> outcome = Parsers.safeParse(parser, r.out);
        ParseOutcome.Parsed<?> parsed = assertInstanceOf(ParseOutcome.Parsed.class, outcome, () -> outcome + "\n" + r.out);
        assertEquals(List.of(), parsed.warnings(), r.out);
        assertEquals(parserName, Probes.guessParser(r.out).map(p -> p.info().name()).orElse("none"), () -> "auto recognises " + command + "; it printed:\n" + r.out.lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
    }

    private record Result(int exitCode, String out) {
    }

    private static Result run(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command + " 2>&1").redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
