package org.incidentworkbench.app.ui;

import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Every keyboard shortcut of the window in one place: the scene's accelerators and the F1 overlay both read it. */
public final class Shortcuts {

    /** One shortcut: its keys and what it does, as the help overlay lists it. */
    public record Shortcut(KeyCombination keys, String action) {
    }

    public static final Shortcut TRIAGE = new Shortcut(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), "Triage the selected hosts");
    public static final Shortcut NOTE = new Shortcut(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), "Add a note, hypothesis or marker to the incident");
    public static final Shortcut RECORD = new Shortcut(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), "Start or stop recording an incident");
    public static final Shortcut SAMPLE = new Shortcut(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), "Start or stop sampling the selected hosts");
    public static final Shortcut SEARCH = new Shortcut(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), "Search hosts");
    public static final Shortcut TAB_TRIAGE = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), "Show the Triage tab");
    public static final Shortcut TAB_FLEET = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), "Show the Fleet tab");
    public static final Shortcut TAB_METRICS = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), "Show the Metrics tab");
    public static final Shortcut TAB_REPLAY = new Shortcut(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), "Show the Replay & training tab");
    public static final Shortcut THEME = new Shortcut(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), "Switch between light and dark theme");
    public static final Shortcut OPEN_BUNDLE = new Shortcut(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), "Open an incident bundle to replay or train");
    public static final Shortcut PASTE = new Shortcut(new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), "Paste command output (ps, df, ss, top, logs...) to read it");
    public static final Shortcut HELP = new Shortcut(new KeyCodeCombination(KeyCode.F1), "Show or hide this help");

    /** Shortcuts that only mean something in a chart or the replay bar, listed in the overlay but handled there. */
    public static final List<String[]> LOCAL = List.of(
            new String[] {"Drag / Left, Right", "Pan every chart together"},
            new String[] {"Scroll / +, -", "Zoom every chart together around the pointer"},
            new String[] {"Double-click", "Back to the chosen range"},
            new String[] {"Space", "Replay: play or pause"},
            new String[] {", and .", "Replay: step to the previous or next event"},
            new String[] {"C / R", "Journal: confirm or reject the selected hypothesis"});

    public static final List<Shortcut> ALL = List.of(TRIAGE, NOTE, RECORD, SAMPLE, SEARCH, TAB_TRIAGE, TAB_FLEET, TAB_METRICS,
            TAB_REPLAY, OPEN_BUNDLE, PASTE, THEME, HELP);

    private Shortcuts() {
    }
}
