package org.incidentworkbench.app.ui;

/**
 * Something a view-model wants the user to notice without a modal dialog (a finished triage, a new
 * critical finding, a failure with details). The window shows it as a ControlsFX notification.
 */
public record Notice(Level level, String title, String text) {

    public enum Level { INFO, WARNING, CRITICAL }

    public static Notice info(String title, String text) {
        return new Notice(Level.INFO, title, text);
    }

    public static Notice warning(String title, String text) {
        return new Notice(Level.WARNING, title, text);
    }

    public static Notice critical(String title, String text) {
        return new Notice(Level.CRITICAL, title, text);
    }
}
