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
    private final java.time.Duration thinkingTime;
    private final List<String> aliases = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ScriptedPrompter(Optional<String> passphrase, Optional<String> password, boolean acceptHostKeys,
                             List<String> questions, java.time.Duration thinkingTime) {
        this.passphrase = passphrase;
        this.password = password;
        this.acceptHostKeys = acceptHostKeys;
        this.questions = questions;
        this.thinkingTime = thinkingTime;
    }

    /** Answers nothing and refuses unknown host keys, but records the questions. */
    public static ScriptedPrompter refusing() {
        return new ScriptedPrompter(Optional.empty(), Optional.empty(), false, new CopyOnWriteArrayList<>(), java.time.Duration.ZERO);
    }

    public ScriptedPrompter withPassphrase(String p) {
        return new ScriptedPrompter(Optional.of(p), password, acceptHostKeys, questions, thinkingTime);
    }

    public ScriptedPrompter withPassword(String p) {
        return new ScriptedPrompter(passphrase, Optional.of(p), acceptHostKeys, questions, thinkingTime);
    }

    public ScriptedPrompter acceptingHostKeys() {
        return new ScriptedPrompter(passphrase, password, true, questions, thinkingTime);
    }

    /** Takes this long to answer each question, as a person typing does. */
    public ScriptedPrompter thinkingFor(java.time.Duration time) {
        return new ScriptedPrompter(passphrase, password, acceptHostKeys, questions, time);
    }

    private void think() {
        try {
            Thread.sleep(thinkingTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Questions asked so far: {@code passphrase:FILE}, {@code password:TARGET}, {@code hostkey:HOST TYPE FP}. */
    public List<String> questions() {
        return List.copyOf(questions);
    }

    @Override
    public Optional<char[]> passphrase(String keyFile) {
        questions.add("passphrase:" + keyFile);
        think();
        return passphrase.map(String::toCharArray);
    }

    @Override
    public Optional<char[]> password(String target) {
        questions.add("password:" + target);
        think();
        return password.map(String::toCharArray);
    }

    /** The aliases named with unknown host keys, in order (the transport passes the host's alias too). */
    public List<String> hostKeyAliases() {
        return List.copyOf(aliases);
    }

    @Override
    public boolean acceptUnknownHostKey(String alias, String host, String keyType, String sha256Fingerprint) {
        aliases.add(alias);
        return acceptUnknownHostKey(host, keyType, sha256Fingerprint);
    }

    @Override
    public boolean acceptUnknownHostKey(String host, String keyType, String sha256Fingerprint) {
        questions.add("hostkey:" + host + " " + keyType + " " + sha256Fingerprint);
        think();
        return acceptHostKeys;
    }
}
