package org.incidentworkbench.app.model.probes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.incidentworkbench.parse.ParseOutcome;
import org.incidentworkbench.parse.Parsers;
import org.incidentworkbench.probe.Probe;
import org.incidentworkbench.probe.ProbeResult;
import org.incidentworkbench.probe.Probes;

/**
 * Probe results parsed by the real parsers from real output captured on Debian 12 (copied from
 * ssh-probes' fixtures into this module's test resources, {@code fixtures/debian-12/}).
 */
public final class ProbeFixtures {

    private ProbeFixtures() {
    }

    public static String text(String file) {
        try (InputStream in = ProbeFixtures.class.getResourceAsStream("/fixtures/debian-12/" + file)) {
            if (in == null) {
                throw new IllegalStateException("No fixture fixtures/debian-12/" + file + " in the test resources.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The probe's result for the fixture, as the triage makes it. */
    public static ProbeResult.Parsed result(Probe<?> probe, String file) {
        String raw = text(file);
        ParseOutcome<?> outcome = Parsers.safeParse(Probes.parser(probe.name()).orElseThrow(), raw);
        if (outcome instanceof ParseOutcome.Parsed<?> p) {
            return new ProbeResult.Parsed(probe.name(), raw, 0, Duration.ofMillis(5), p.value(), p.warnings(), List.of());
        }
        throw new IllegalStateException("The fixture " + file + " did not parse as " + probe.name() + ": " + outcome);
    }

    /** The probe's typed record for the fixture. */
    public static <T> T data(Probe<T> probe, String file) {
        return result(probe, file).data(probe.type()).orElseThrow();
    }
}
