package org.incidentworkbench.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host-key decision for one connection attempt, given to JSch as its repository: known keys go
 * ahead, unknown keys are the prompter's call (or learned under {@code acceptNewHostKeys}), changed
 * and revoked keys are refused with no way around. JSch runs with {@code StrictHostKeyChecking=yes},
 * so anything but {@code OK} from {@link #check} aborts the handshake; {@link #outcome()} then says why
 * in our words.
 *
 * <p>One instance per session; JSch calls it from the connecting thread only.
 */
final class HostKeyCheck implements HostKeyRepository {

    /** What happened to the key the server presented. */
    sealed interface Outcome {
    }

    record NotChecked() implements Outcome {
    }

    record Accepted(String hostToken) implements Outcome {
    }

    record Learned(String hostToken, String keyType, String fingerprint) implements Outcome {
    }

    record Refused(String hostToken, String keyType, String fingerprint) implements Outcome {
    }

    record Changed(String hostToken, String keyType, String fingerprint, KnownHosts.Entry recorded) implements Outcome {
    }

    record Revoked(String hostToken, String keyType, String fingerprint, KnownHosts.Entry entry) implements Outcome {
    }

    record Unreadable(IOException error) implements Outcome {
    }

    private final Path knownHostsFile;
    private final boolean acceptNew;
    private final UserPrompter prompter;
    private final String alias;
    private volatile Outcome outcome = new NotChecked();

    HostKeyCheck(Path knownHostsFile, boolean acceptNew, UserPrompter prompter) {
        this(knownHostsFile, acceptNew, prompter, null);
    }

    /** {@code alias}: the name the user gave the host, for the question about an unknown key (null: none). */
    HostKeyCheck(Path knownHostsFile, boolean acceptNew, UserPrompter prompter, String alias) {
        this.alias = alias;
        this.knownHostsFile = knownHostsFile;
        this.acceptNew = acceptNew;
        this.prompter = prompter;
    }

    Path knownHostsFile() {
        return knownHostsFile;
    }

    Outcome outcome() {
        return outcome;
    }

    @Override
    public int check(String host, byte[] key) {
        KnownHosts known;
        try {
            known = KnownHosts.read(knownHostsFile);
        } catch (IOException e) {
            outcome = new Unreadable(e);
            return NOT_INCLUDED;
        }
        String type = KnownHosts.keyType(key);
        String fingerprint = KnownHosts.sha256Fingerprint(key);
        KnownHosts.Verdict verdict = known.check(host, key);
        if (verdict instanceof KnownHosts.Known) {
            outcome = new Accepted(host);
            return OK;
        }
        if (verdict instanceof KnownHosts.Changed changed) {
            outcome = new Changed(host, type, fingerprint, changed.recorded());
            return CHANGED;
        }
        if (verdict instanceof KnownHosts.Revoked revoked) {
            outcome = new Revoked(host, type, fingerprint, revoked.entry());
            return CHANGED;
        }
        boolean accept = acceptNew || (alias == null ? prompter.acceptUnknownHostKey(host, type, fingerprint)
                : prompter.acceptUnknownHostKey(alias, host, type, fingerprint));
        if (!accept) {
            outcome = new Refused(host, type, fingerprint);
            return NOT_INCLUDED;
        }
        try {
            KnownHosts.append(knownHostsFile, host, key);
        } catch (IOException e) {
            outcome = new Unreadable(e);
            return NOT_INCLUDED;
        }
        outcome = new Learned(host, type, fingerprint);
        return OK;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // JSch adds only under StrictHostKeyChecking=no/ask, which we never set: check() learns keys itself
    }

    @Override
    public void remove(String host, String type) {
        // never: a changed key is for the user to resolve in known_hosts
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        // never, as above
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return knownHostsFile.toString();
    }

    @Override
    public HostKey[] getHostKey() {
        return getHostKey(null, null);
    }

    /** Lets JSch put the key types we already know first in its proposal, as OpenSSH does. */
    @Override
    public HostKey[] getHostKey(String host, String type) {
        List<HostKey> keys = new ArrayList<>();
        try {
            KnownHosts known = KnownHosts.read(knownHostsFile);
            for (KnownHosts.Entry e : host == null ? known.entries() : known.forHost(host)) {
                if (type != null && !type.equals(e.keyType())) {
                    continue;
                }
                try {
                    keys.add(new HostKey(e.marker(), host == null ? e.hosts() : host, HostKey.GUESS, e.keyBlob(), ""));
                } catch (JSchException unsupportedType) {
                    // a key type JSch does not know cannot be preferred; skip it
                }
            }
        } catch (IOException e) {
            // unreadable: check() reports it
        }
        return keys.toArray(new HostKey[0]);
    }
}
