package org.incidentworkbench.app.ui.replay;

/** File names of shared copies: {@code disk-full.iwbundle} is shared as {@code disk-full-shared.iwbundle}. */
public final class SharedNames {

    private SharedNames() {
    }

    public static String sharedName(String original) {
        String base = original.endsWith(".iwbundle") ? original.substring(0, original.length() - ".iwbundle".length()) : original;
        return base.endsWith("-shared") ? base + ".iwbundle" : base + "-shared.iwbundle";
    }
}
