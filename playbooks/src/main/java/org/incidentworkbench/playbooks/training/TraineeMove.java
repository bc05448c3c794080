package org.incidentworkbench.playbooks.training;

import java.util.Objects;
import java.util.Optional;

/** What a trainee chose to do next in a training session. */
public sealed interface TraineeMove {

    /** One line for the session's transcript, for example "triage web-1". */
    String describe();

    record TriageHost(String host) implements TraineeMove {
        public TriageHost {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String describe() {
            return "triage " + host;
        }
    }

    /** A chart of {@code metric}, on {@code host} or on every host when empty. */
    record ViewChart(String metric, Optional<String> host) implements TraineeMove {
        public ViewChart {
            Objects.requireNonNull(metric, "metric");
            host = host == null ? Optional.empty() : host.filter(h -> !h.isBlank());
        }

        @Override
        public String describe() {
            return "chart " + metric + host.map(h -> " on " + h).orElse("");
        }
    }

    record RunCommand(String host, String command) implements TraineeMove {
        public RunCommand {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(command, "command");
        }

        @Override
        public String describe() {
            return "run '" + command + "' on " + host;
        }
    }

    record StateHypothesis(String text) implements TraineeMove {
        public StateHypothesis {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public String describe() {
            return "hypothesis: " + text;
        }
    }
}
