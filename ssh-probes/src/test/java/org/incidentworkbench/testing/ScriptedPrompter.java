package org.incidentworkbench.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.incidentworkbench.ssh.UserPrompter;

/**
 * A {@link UserPrompter} that answers from a script and records every question, so tests can assert
 * both the outcome and what the user would have been asked.
 *
 * <pre>{@code
 * ScriptedPrompter p = ScriptedPrompter.refusing().withPassphrase("secret");
 * ... connect ...
 * assertEquals(List.of("passphrase:" + keyFile), p.questions());
 * }</pre>
 *
 * <p>Immutable answers, thread-safe record of questions.
 */
public final class ScriptedPrompter implements UserPrompter {

    private final Optional<String> passphrase;
    private final Optional<String> password;
    private final boolean acceptHostKeys;
    private final List<String> questions;

    private ScriptedPrompter(Optional<String> passphrase, Optional<String> password, boolean acceptHostKeys,
                             List<String> questions) {
        this.passphrase = passphrase;
        this.password = password;
        this.acceptHostKeys = acceptHostKeys;
        this.questions = questions;
    }

    /** Answers nothing and refuses unknown host keys, but records the questions. */
    public static ScriptedPrompter refusing() {
        return new ScriptedPrompter(Optional.empty(), Optional.empty(), false, new CopyOnWriteArrayList<>());
    }

    public ScriptedPrompter withPassphrase(String p) {
        return new ScriptedPrompter(Optional.of(p), password, acceptHostKeys, questions);
    }

    public ScriptedPrompter withPassword(String p) {
        return new ScriptedPrompter(passphrase, Optional.of(p), acceptHostKeys, questions);
    }

    public ScriptedPrompter acceptingHostKeys() {
        return new ScriptedPrompter(passphrase, password, true, questions);
    }

    /** Questions asked so far: {@code passphrase:FILE}, {@code password:TARGET}, {@code hostkey:HOST TYPE FP}. */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public Optional<char[]> passphrase(String keyFile) {
        questions.add("passphrase:" + keyFile);
        return passphrase.map(String::toCharArray);
    }

    @Override
    public Optional<char[]> password(String target) {
        questions.add("password:" + target);
        return password.map(String::toCharArray);
    }

    @Override
    public boolean acceptUnknownHostKey(String host, String keyType, String sha256Fingerprint) {
        questions.add("hostkey:" + host + " " + keyType + " " + sha256Fingerprint);
        return acceptHostKeys;
    }
}
