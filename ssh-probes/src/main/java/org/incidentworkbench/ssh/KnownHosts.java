package org.incidentworkbench.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OpenSSH's {@code known_hosts} file, read as {@code sshd(8)} "SSH_KNOWN_HOSTS FILE FORMAT" describes:
 * plain and hashed ({@code |1|salt|hmac}) host names, comma-separated patterns with {@code *},
 * {@code ?} and {@code !} negation, {@code [host]:port} for ports other than 22, and the
 * {@code @revoked} marker. {@code @cert-authority} lines are skipped (no certificates here).
 *
 * <pre>{@code
 * KnownHosts.Verdict v = KnownHosts.read(file).check("[10.0.0.5]:2222", blob);
 * }</pre>
 *
 * <p>We read the file ourselves instead of using JSch's {@code KnownHosts} because a changed key
 * must be reported with the file and line to check, as OpenSSH does ("Offending key in ...:3").
 * Instances are immutable snapshots; {@link #append} serialises writers of the same file.
 */
public final class KnownHosts {

    private static final ConcurrentHashMap<Path, Object> APPEND_LOCKS = new ConcurrentHashMap<>();

    /** One key line. */
    public record Entry(int lineNumber, String marker, String hosts, String keyType, byte[] keyBlob) {

        boolean matches(String hostToken) {
            if (hosts.startsWith("|1|")) {
                return hashedMatches(hosts, hostToken);
            }
            boolean matched = false;
            for (String pattern : hosts.split(",")) {
                boolean negated = pattern.startsWith("!");
                String p = negated ? pattern.substring(1) : pattern;
                if (Glob.matches(p.toLowerCase(java.util.Locale.ROOT), hostToken.toLowerCase(java.util.Locale.ROOT))) {
                    if (negated) {
                        return false;
                    }
                    matched = true;
                }
            }
            return matched;
        }
    }

    /** What known_hosts says about a host's key. */
    public sealed interface Verdict {
    }

    /** The key is on record for the host. */
    public record Known(Entry entry) implements Verdict {
    }

    /** No key of this type is on record for the host. */
    public record Unknown() implements Verdict {
    }

    /** A different key of the same type is on record: possibly a man in the middle. */
    public record Changed(Entry recorded) implements Verdict {
    }

    /** The key is marked {@code @revoked}. */
    public record Revoked(Entry entry) implements Verdict {
    }

    private final Path file;
    private final List<Entry> entries;

    private KnownHosts(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /** Reads the file; a missing file is an empty list (OpenSSH creates it on first accept). */
    public static KnownHosts read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new KnownHosts(file, List.of());
        }
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            parseLine(i + 1, lines.get(i)).ifPresent(entries::add);
        }
        return new KnownHosts(file, entries);
    }

    private static Optional<Entry> parseLine(int number, String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        String[] f = line.split("\\s+");
        int i = 0;
        String marker = "";
        if (f[0].startsWith("@")) {
            marker = f[0];
            i = 1;
        }
        if (f.length < i + 3 || marker.equals("@cert-authority")) {
            return Optional.empty();
        }
        try {
            byte[] blob = Base64.getDecoder().decode(f[i + 2]);
            return Optional.of(new Entry(number, marker, f[i], f[i + 1], blob));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty(); // OpenSSH also skips lines it cannot decode
        }
    }

    public Path file() {
        return file;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries naming this host ({@code name} or {@code [name]:port}). */
    public List<Entry> forHost(String hostToken) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.matches(hostToken)) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Checks the key a server presented. A matching revoked entry wins, then a matching key; a key of
     * the same type that differs is a change; anything else is unknown (as OpenSSH decides).
     */
    public Verdict check(String hostToken, byte[] keyBlob) {
        String type = keyType(keyBlob);
        Entry changed = null;
        Entry known = null;
        for (Entry e : forHost(hostToken)) {
            boolean same = Arrays.equals(e.keyBlob(), keyBlob);
            if (e.marker().equals("@revoked")) {
                if (same) {
                    return new Revoked(e);
                }
                continue;
            }
            if (same) {
                known = known == null ? e : known;
            } else if (e.keyType().equals(type) && changed == null) {
                changed = e;
            }
        }
        if (known != null) {
            return new Known(known);
        }
        return changed != null ? new Changed(changed) : new Unknown();
    }

    /**
     * Appends a key as OpenSSH's {@code accept-new} does: {@code host type base64} in plain form,
     * creating the file (and {@code ~/.ssh}) when missing.
     */
    public static void append(Path file, String hostToken, byte[] keyBlob) throws IOException {
        Object lock = APPEND_LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
        synchronized (lock) {
            if (read(file).check(hostToken, keyBlob) instanceof Known) {
                return; // two connections to a new host at once: one line is enough
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String line = hostToken + " " + keyType(keyBlob) + " " + Base64.getEncoder().encodeToString(keyBlob) + "\n";
            boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
            Files.writeString(file, (needsNewline ? "\n" : "") + line, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return all.length == 0 || all[all.length - 1] == '\n';
    }

    /** How known_hosts names a host: {@code name} on port 22, else {@code [name]:port}. */
    public static String hostToken(String hostname, int port) {
        return port == 22 ? hostname : "[" + hostname + "]:" + port;
    }

    /** The key type named inside an SSH public key blob ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}...). */
    public static String keyType(byte[] blob) {
        if (blob.length < 4) {
            return "unknown";
        }
        int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (len <= 0 || len > blob.length - 4) {
            return "unknown";
        }
        return new String(blob, 4, len, StandardCharsets.US_ASCII);
    }

    /** The fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64 of the blob's SHA-256. */
    public static String sha256Fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256.", e);
        }
    }

    private static boolean hashedMatches(String hashed, String hostToken) {
        String[] parts = hashed.split("\\|");
        // "|1|salt|hash" splits into "", "1", salt, hash
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] actual = mac.doFinal(hostToken.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
