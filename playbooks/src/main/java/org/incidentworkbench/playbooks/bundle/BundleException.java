package org.incidentworkbench.playbooks.bundle;

import java.io.IOException;

/** A bundle could not be opened because it failed verification; the report says exactly why. */
public final class BundleException extends IOException {

    private final transient VerificationReport report;

    public BundleException(VerificationReport report) {
        super(report.describe());
        this.report = report;
    }

    public VerificationReport report() {
        return report;
    }
}
