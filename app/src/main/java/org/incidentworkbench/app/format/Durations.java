package org.incidentworkbench.app.format;

import java.time.Duration;
import java.util.Locale;

/**
 * Renders durations for people at the precision that matters for each size: {@code 850 ms},
 * {@code 1.2 s}, {@code 4 min 10 s}, {@code 3 d 4 h}. The one duration formatter of the app (CLI and window);
 * the libraries cannot depend on app and keep their own few messages (ssh.ConnectFailures, sample.HostSampler,
 * playbooks' TrainingReport). Stateless.
 */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 0) {
            return "-" + human(d.negated());
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
        }
        return (s / 86_400) + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + (s % 86_400 / 3600) + " h");
    }

    public static String ofSeconds(long seconds) {
        return human(Duration.ofSeconds(seconds));
    }
}
