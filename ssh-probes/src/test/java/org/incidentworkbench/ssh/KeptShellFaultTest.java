package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.incidentworkbench.probe.Probes;
import org.incidentworkbench.probe.TriageScript;
import org.incidentworkbench.testing.MinaTestServer;
import org.incidentworkbench.testing.MinaTestServer.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that misbehaves where the kept shell should start (MINA in-JVM, one fault per run): the request is not
 * served (the caller execs, as before), within its bound, and the session keeps no shell from then on. With no fault
 * MINA's command leads no session of its own, so the shell, which could not end what it starts, is not kept either.
 */
class KeptShellFaultTest {

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"NONE", "HANG", "DROP_MID_OUTPUT", "HUGE_OUTPUT", "BINARY_GARBAGE"})
    void aShellThatCannotBeKeptIsRefusedWithinItsBound(Fault fault) throws Exception {
        try (MinaTestServer server = MinaTestServer.builder().address("127.0.0.75").fault(fault).start();
             HostConnection c = new SshTransport(server.sshOptions(), UserPrompter.NONE).connect(server.hostSpec())) {
            KeptShell kept = new KeptShell();
            TriageScript script = TriageScript.of(List.of(Probes.UPTIME));
            Duration bound = Duration.ofSeconds(2);
            long start = System.nanoTime();
            assertTrue(kept.run(c, script.keptProgram(), script.keptRequest(), script.keptEndLine(), bound, 1 << 20).isEmpty());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(bound.plusSeconds(3)) < 0, "took " + took);
            assertFalse(kept.keepable());
            assertTrue(kept.run(c, script.keptProgram(), script.keptRequest(), script.keptEndLine(), bound, 1 << 20).isEmpty(),
                    "not tried again on this session");
            assertTrue(c.isOpen() || fault != Fault.NONE, "the session itself stays usable");
        }
    }
}
