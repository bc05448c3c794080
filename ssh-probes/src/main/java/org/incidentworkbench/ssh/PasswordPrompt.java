package org.incidentworkbench.ssh;

import com.jcraft.jsch.UIKeyboardInteractive;
import com.jcraft.jsch.UserInfo;
import java.util.Arrays;
import java.util.Optional;

/**
 * JSch's callback for password and keyboard-interactive authentication, answered by the
 * {@link UserPrompter}. Asks at most {@link #MAX_ASKS} times per connection; passphrases never come
 * here (see {@link KeyFileIdentity}) and host keys are decided by {@link HostKeyCheck}.
 */
final class PasswordPrompt implements UserInfo, UIKeyboardInteractive {

    static final int MAX_ASKS = 3;

    private final UserPrompter prompter;
    private final String target;
    private String password;
    private int asked;

    PasswordPrompt(UserPrompter prompter, String target) {
        this.prompter = prompter;
        this.target = target;
    }

    /** How many times a password was asked for (for the failure message). */
    synchronized int asked() {
        return asked;
    }

    private synchronized boolean ask() {
        if (asked >= MAX_ASKS) {
            return false;
        }
        asked++;
        Optional<char[]> answer = prompter.password(target);
        if (answer.isEmpty()) {
            return false;
        }
        char[] chars = answer.get();
        password = new String(chars); // JSch wants a String; it is dropped after use
        Arrays.fill(chars, '\0');
        return true;
    }

    @Override
    public synchronized String getPassword() {
        String p = password;
        password = null;
        return p;
    }

    @Override
    public boolean promptPassword(String message) {
        return ask();
    }

    @Override
    public String getPassphrase() {
        return null;
    }

    @Override
    public boolean promptPassphrase(String message) {
        return false;
    }

    @Override
    public boolean promptYesNo(String message) {
        return false;
    }

    @Override
    public void showMessage(String message) {
        // banners and JSch's own host-key warnings: ours are in HostKeyCheck's outcome
    }

    @Override
    public String[] promptKeyboardInteractive(String destination, String name, String instruction, String[] prompt,
                                              boolean[] echo) {
        if (prompt.length == 0) {
            return new String[0];
        }
        if (prompt.length != 1 || echo[0] || !prompt[0].toLowerCase(java.util.Locale.ROOT).contains("password")) {
            return null; // a one-time code or similar: not something we can answer unattended
        }
        return ask() ? new String[] {getPassword()} : null;
    }
}
