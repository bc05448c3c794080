package org.incidentworkbench.app;

/**
 * What the command line and the window both say about the product: its version and the exit codes a
 * run ends with. It lives outside {@code cli} and {@code ui} so that neither has to import the other.
 */
public final class AppInfo {

    /** The run did what it was asked. */
    public static final int OK = 0;
    /** The run failed (a host, a file or the store); the message says why. */
    public static final int FAILED = 1;
    /** The command line was wrong; the message says what to type instead. */
    public static final int USAGE = 2;

    private AppInfo() {
    }

    /** The version from the jar's manifest, or "development build" when run from classes. */
    public static String version() {
        String v = AppInfo.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** "Incident Workbench 1.2.0": how the product names itself in the window's title, bundles and exports. */
    public static String product() {
        return "Incident Workbench " + version();
    }
}
