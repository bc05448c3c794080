package org.incidentworkbench.ssh;

import java.util.Optional;

/**
 * The questions SSH may have to ask a person: a key's passphrase, a password, whether to trust a
 * host key never seen before. The CLI asks on the terminal, the window in a dialog, tests answer
 * from a script. Answers are used in memory only and never written anywhere.
 *
 * <p>Implementations must be thread-safe: hosts connect in parallel and may ask at the same time.
 */
public interface UserPrompter {

    /** Refuses everything: no passphrase, no password, no unknown host key. */
    UserPrompter NONE = new UserPrompter() {
        @Override
        public Optional<char[]> passphrase(String keyFile) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> password(String target) {
            return Optional.empty();
        }

        @Override
        public boolean acceptUnknownHostKey(String host, String keyType, String sha256Fingerprint) {
            return false;
        }
    };

    /** The passphrase of an encrypted private key, or empty to skip that key. */
    Optional<char[]> passphrase(String keyFile);

    /** The password for {@code user@host}, or empty to give up password authentication. */
    Optional<char[]> password(String target);

    /**
     * Whether to trust (and remember) a host key that known_hosts does not have.
     *
     * @param host              as known_hosts names it ({@code web-1} or {@code [10.0.0.5]:2222})
     * @param keyType           for example {@code ssh-ed25519}
     * @param sha256Fingerprint as OpenSSH prints it, {@code SHA256:...}
     */
    boolean acceptUnknownHostKey(String host, String keyType, String sha256Fingerprint);

    /**
     * As {@link #acceptUnknownHostKey(String, String, String)}, for the host the user knows as {@code alias}
     * (its ssh_config name or the target as typed), so the question can name both: a list of twenty hosts
     * behind one address and several ports says nothing by {@code [10.0.0.5]:2222} alone.
     */
    default boolean acceptUnknownHostKey(String alias, String host, String keyType, String sha256Fingerprint) {
        return acceptUnknownHostKey(host, keyType, sha256Fingerprint);
    }
}
