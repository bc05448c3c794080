package org.incidentworkbench.app.ui.hosts;

/** What the window is doing with a host right now, shown as a dot and a word beside its name. */
public enum HostStatus {
    IDLE("idle"),
    TRIAGING("triaging"),
    SAMPLING("sampling"),
    UNREACHABLE("unreachable");

    private final String label;

    HostStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** CSS style class for the status dot. */
    public String styleClass() {
        return "status-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
