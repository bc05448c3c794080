package org.incidentworkbench.playbooks.bundle;

/**
 * The incident bundle format, version {@value #MAJOR}.{@value #MINOR}.
 *
 * <p>A bundle is a zip file named {@code *.iwbundle} (the installers associate the extension with the
 * workbench) holding:
 * <ul>
 *   <li>{@code manifest.json}: format name and version, incident id, title, severity, hosts, time
 *       range, authors, and the size and SHA-256 of every other entry ({@link BundleManifest});</li>
 *   <li>{@code journal.jsonl}: the incident's events, one JSON line each ({@code JournalCodec});</li>
 *   <li>{@code metrics/*.json}: one metric series per file at full resolution over the incident and
 *       the context before it ({@link MetricSlice});</li>
 *   <li>{@code attachments/*}: files the responders attached, as they were.</li>
 * </ul>
 * Version 1.1 added the manifest's optional {@code sharing} member ({@link SharingNote}), which marks a
 * copy redacted for sharing.
 * A reader accepts any minor version of its major version (a newer minor only adds optional
 * fields, which it ignores) and refuses a newer major version by name, saying which version wrote it.
 */
public final class BundleFormat {

    public static final String NAME = "incident-workbench-bundle";
    public static final int MAJOR = 1;
    public static final int MINOR = 1;
    public static final String VERSION = MAJOR + "." + MINOR;
    /** File name extension, with the dot; the installers' file association uses it. */
    public static final String EXTENSION = ".iwbundle";
    public static final String MIME_TYPE = "application/vnd.incidentworkbench.bundle+zip";

    public static final String MANIFEST = "manifest.json";
    public static final String JOURNAL = "journal.jsonl";
    public static final String METRICS_DIR = "metrics/";
    public static final String ATTACHMENTS_DIR = "attachments/";

    private BundleFormat() {
    }
}
