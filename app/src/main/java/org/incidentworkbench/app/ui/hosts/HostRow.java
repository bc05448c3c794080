package org.incidentworkbench.app.ui.hosts;

import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.incidentworkbench.hosts.HostEntry;
import org.incidentworkbench.probe.TriageReport;

/**
 * One host in the hosts pane with what the window knows about it now: triaging or sampling, the
 * reason it was unreachable, its latest triage report. Properties are changed on the FX thread only.
 */
public final class HostRow {

    private final HostEntry entry;
    private final BooleanProperty triaging = new SimpleBooleanProperty(false);
    private final BooleanProperty sampling = new SimpleBooleanProperty(false);
    /** Why the host could not be reached at the last attempt; null when it could. */
    private final StringProperty failure = new SimpleStringProperty(null);
    /** What the triage of this host is doing now ("connecting", "3 of 9 probes"), for the progress column. */
    private final StringProperty progress = new SimpleStringProperty("");
    private final ObjectProperty<TriageReport> report = new SimpleObjectProperty<>(null);
    private final ReadOnlyObjectWrapper<HostStatus> status = new ReadOnlyObjectWrapper<>(HostStatus.IDLE);

    public HostRow(HostEntry entry) {
        this.entry = entry;
        status.bind(Bindings.createObjectBinding(() -> triaging.get() ? HostStatus.TRIAGING
                : failure.get() != null ? HostStatus.UNREACHABLE
                : sampling.get() ? HostStatus.SAMPLING : HostStatus.IDLE, triaging, sampling, failure));
    }

    public HostEntry entry() {
        return entry;
    }

    public String name() {
        return entry.name();
    }

    public BooleanProperty triagingProperty() {
        return triaging;
    }

    public BooleanProperty samplingProperty() {
        return sampling;
    }

    public StringProperty failureProperty() {
        return failure;
    }

    public StringProperty progressProperty() {
        return progress;
    }

    public ObjectProperty<TriageReport> reportProperty() {
        return report;
    }

    public Optional<TriageReport> report() {
        return Optional.ofNullable(report.get());
    }

    public ReadOnlyObjectProperty<HostStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public HostStatus status() {
        return status.get();
    }

    /** The status as words, with the reason when unreachable: "unreachable: connection refused". */
    public String statusText() {
        HostStatus s = status.get();
        if (s == HostStatus.UNREACHABLE) {
            return "unreachable: " + failure.get();
        }
        if (s == HostStatus.TRIAGING && !progress.get().isEmpty()) {
            return "triaging: " + progress.get();
        }
        return s.label();
    }

    @Override
    public String toString() {
        return entry.name();
    }
}
