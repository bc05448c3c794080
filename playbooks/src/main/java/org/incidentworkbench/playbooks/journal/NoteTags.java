package org.incidentworkbench.playbooks.journal;

import java.util.List;

/**
 * The note tags the postmortem export knows. A note may carry any tags; these ones place the note in
 * the postmortem section of the same name.
 */
public final class NoteTags {

    public static final String IMPACT = "impact";
    public static final String DETECTION = "detection";
    public static final String TRIGGER = "trigger";
    public static final String ROOT_CAUSE = "root-cause";
    public static final String RESOLUTION = "resolution";
    public static final String WENT_WELL = "went-well";
    public static final String WENT_WRONG = "went-wrong";
    public static final String GOT_LUCKY = "got-lucky";
    public static final String ACTION_ITEM = "action-item";

    public static final List<String> ALL = List.of(IMPACT, DETECTION, TRIGGER, ROOT_CAUSE, RESOLUTION, WENT_WELL,
            WENT_WRONG, GOT_LUCKY, ACTION_ITEM);

    private NoteTags() {
    }
}
