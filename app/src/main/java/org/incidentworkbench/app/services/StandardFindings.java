package org.incidentworkbench.app.services;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.incidentworkbench.findings.FindingRule;
import org.incidentworkbench.findings.Findings;
import org.incidentworkbench.findings.Trends;

/** The findings every triage in the product uses: all rules at their default thresholds ({@code Findings.RULES}). */
final class StandardFindings {

    static final FindingRule RULES = Findings::evaluate;

    private StandardFindings() {
    }

    /**
     * The rules with each host's history from the store {@code store} gives (empty: none, for example when the
     * store file does not exist yet): filesystems, inodes and memory say when they run out ({@link HistoryTrends}).
     * A store that cannot be read leaves the forecasts out, never the findings.
     */
    static FindingRule withHistory(Supplier<Optional<StoreService>> store, Clock clock) {
        return report -> {
            Trends trends = Trends.NONE;
            try {
                Optional<StoreService> s = store.get();
                if (s.isPresent()) {
                    trends = new HistoryTrends(s.get(), report.host(), clock.instant());
                }
            } catch (RuntimeException e) {
                trends = Trends.NONE; // a locked or broken store must not cost the triage its findings
            }
            Trends chosen = trends;
            return Findings.evaluate(report, safe(chosen));
        };
    }

    /** Trends whose store fails mid-read answer "no history" instead of failing the rule. */
    private static Trends safe(Trends t) {
        return new Trends() {
            @Override
            public Optional<org.incidentworkbench.findings.TimeToLimit> filesystem(String mount) {
                try {
                    return t.filesystem(mount);
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }

            @Override
            public Optional<org.incidentworkbench.findings.TimeToLimit> inodes(String mount) {
                try {
                    return t.inodes(mount);
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }

            @Override
            public Optional<org.incidentworkbench.findings.TimeToLimit> memoryAvailable() {
                try {
                    return t.memoryAvailable();
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
        };
    }
}
