package org.incidentworkbench.ssh;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A private key file offered to the server, decrypted only when the server has said it would accept
 * the key (so a passphrase is asked only for a key that matters, as OpenSSH does) and then kept
 * decrypted in memory for the life of the transport, so many hosts ask once.
 *
 * <p>JSch is told the key is never encrypted: it would otherwise ask through its own UserInfo and
 * retry five times. A wrong passphrase makes {@link #getSignature} return null, which JSch treats as
 * "this key cannot sign" and moves to the next key; {@link #problem()} keeps the reason for the message.
 *
 * <p>Thread-safe: several sessions may sign with the same key at once.
 */
final class KeyFileIdentity implements Identity {

    private final Path file;
    private final KeyPair pair;
    private final byte[] publicBlob;
    private final UserPrompter prompter;
    /** Wrong passphrases tolerated per key and transport, as OpenSSH's NumberOfPasswordPrompts. */
    static final int MAX_PASSPHRASE_ATTEMPTS = 3;

    private volatile boolean decrypted;
    private volatile String problem = "";
    private int attempts;
    private boolean declined;

    private KeyFileIdentity(Path file, KeyPair pair, byte[] publicBlob, UserPrompter prompter) {
        this.file = file;
        this.pair = pair;
        this.publicBlob = publicBlob;
        this.prompter = prompter;
        this.decrypted = !pair.isEncrypted();
    }

    /** Loads a key file (any format JSch reads: OpenSSH v1, PEM, PKCS#8, PuTTY). */
    static KeyFileIdentity load(JSch jsch, Path file, UserPrompter prompter) throws JSchException {
        Path pub = Path.of(file + ".pub");
        KeyPair pair = Files.isReadable(pub) ? KeyPair.load(jsch, file.toString(), pub.toString())
                : KeyPair.load(jsch, file.toString());
        byte[] blob = pair.getPublicKeyBlob();
        if (blob == null) {
            blob = readPublicBlob(pub).orElse(null);
        }
        return new KeyFileIdentity(file, pair, blob, prompter);
    }

    private static Optional<byte[]> readPublicBlob(Path pub) {
        try {
            String[] fields = Files.readString(pub, StandardCharsets.UTF_8).trim().split("\\s+");
            return fields.length >= 2 ? Optional.of(Base64.getDecoder().decode(fields[1])) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    Path file() {
        return file;
    }

    /** Why this key could not be used (wrong passphrase, none given), or empty. */
    String problem() {
        return problem;
    }

    private boolean ensureDecrypted() {
        if (decrypted) {
            return true;
        }
        // other hosts wait here while one asks: that wait is a person's time, not the connect timeout's
        return ConnectDeadline.pausedWhile(this::decryptOnce);
    }

    private synchronized boolean decryptOnce() {
        if (decrypted) {
            return true;
        }
        if (declined || attempts >= MAX_PASSPHRASE_ATTEMPTS) {
            return false; // problem() still says why; asking again for every host would pester
        }
        Optional<char[]> passphrase = prompter.passphrase(file.toString());
        if (passphrase.isEmpty()) {
            declined = true;
            problem = "no passphrase was given for the encrypted key " + file;
            return false;
        }
        attempts++;
        char[] chars = passphrase.get();
        byte[] bytes = new String(chars).getBytes(StandardCharsets.UTF_8);
        try {
            if (pair.decrypt(bytes)) {
                decrypted = true;
                problem = "";
                return true;
            }
            problem = "the passphrase given for " + file + " is wrong";
            return false;
        } finally {
            Arrays.fill(bytes, (byte) 0);
            Arrays.fill(chars, '\0');
        }
    }

    @Override
    public boolean setPassphrase(byte[] passphrase) {
        return true;
    }

    /** The public key as read from the file or its {@code .pub}, without asking for a passphrase; may be null. */
    byte[] getPublicKeyBlobIfKnown() {
        return publicBlob;
    }

    @Override
    public byte[] getPublicKeyBlob() {
        if (publicBlob != null) {
            return publicBlob;
        }
        return ensureDecrypted() ? pair.getPublicKeyBlob() : null;
    }

    @Override
    public byte[] getSignature(byte[] data) {
        if (!ensureDecrypted()) {
            return null;
        }
        synchronized (this) {
            return pair.getSignature(data);
        }
    }

    @Override
    public byte[] getSignature(byte[] data, String alg) {
        if (!ensureDecrypted()) {
            return null;
        }
        synchronized (this) {
            return pair.getSignature(data, alg);
        }
    }

    @Override
    public String getAlgName() {
        byte[] blob = getPublicKeyBlob();
        return blob == null ? pair.getKeyTypeString() : KnownHosts.keyType(blob);
    }

    @Override
    public String getName() {
        return file.toString();
    }

    @Override
    public boolean isEncrypted() {
        return false;
    }

    @Override
    public void clear() {
        // kept for the transport's life so other hosts need not ask again; see SshTransport#close
    }
}
