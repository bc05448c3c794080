package org.incidentworkbench.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownHostsTest {

    @TempDir
    Path dir;

    /** An SSH public key blob: string type, then some key bytes (enough for matching). */
    private static byte[] blob(String type, int seed) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[4 + t.length + 32];
        b[3] = (byte) t.length;
        System.arraycopy(t, 0, b, 4, t.length);
        for (int i = 0; i < 32; i++) {
            b[4 + t.length + i] = (byte) (seed + i);
        }
        return b;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String hashed(String host, byte[] salt) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        return "|1|" + b64(salt) + "|" + b64(mac.doFinal(host.getBytes(StandardCharsets.UTF_8)));
    }

    private KnownHosts write(String text) throws Exception {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, text);
        return KnownHosts.read(f);
    }

    @Test
    void plainHashedWildcardAndPortFormsMatch() throws Exception {
        byte[] k1 = blob("ssh-ed25519", 1);
        byte[] k2 = blob("ssh-ed25519", 2);
        byte[] k3 = blob("ecdsa-sha2-nistp256", 3);
        KnownHosts kh = write("# comment\n"
                + "web-1,10.0.0.5 ssh-ed25519 " + b64(k1) + " comment\n"
                + hashed("[db-1]:2222", new byte[20]) + " ssh-ed25519 " + b64(k2) + "\n"
                + "*.prod,!evil.prod ecdsa-sha2-nistp256 " + b64(k3) + "\n");
        assertInstanceOf(KnownHosts.Known.class, kh.check("web-1", k1));
        assertInstanceOf(KnownHosts.Known.class, kh.check("10.0.0.5", k1));
        assertInstanceOf(KnownHosts.Known.class, kh.check("[db-1]:2222", k2));
        assertInstanceOf(KnownHosts.Unknown.class, kh.check("db-1", k2), "port 22 is another host entry");
        assertInstanceOf(KnownHosts.Known.class, kh.check("api.prod", k3));
        assertInstanceOf(KnownHosts.Unknown.class, kh.check("evil.prod", k3), "negation excludes");
        assertInstanceOf(KnownHosts.Unknown.class, kh.check("web-1", k3), "another key type is unknown, not changed");
    }

    @Test
    void aDifferentKeyOfTheSameTypeIsAChangeWithItsLine() throws Exception {
        byte[] old = blob("ssh-ed25519", 1);
        KnownHosts kh = write("\nother ssh-ed25519 " + b64(blob("ssh-ed25519", 9)) + "\n"
                + "web-1 ssh-ed25519 " + b64(old) + "\n");
        KnownHosts.Verdict v = kh.check("web-1", blob("ssh-ed25519", 5));
        KnownHosts.Changed c = assertInstanceOf(KnownHosts.Changed.class, v);
        assertEquals(3, c.recorded().lineNumber());
    }

    @Test
    void revokedKeysAreRefusedAndCertAuthoritiesIgnored() throws Exception {
        byte[] k = blob("ssh-ed25519", 4);
        KnownHosts kh = write("@revoked * ssh-ed25519 " + b64(k) + "\n"
                + "@cert-authority *.corp ssh-ed25519 " + b64(blob("ssh-ed25519", 6)) + "\n"
                + "web-1 ssh-ed25519 " + b64(k) + "\n");
        assertInstanceOf(KnownHosts.Revoked.class, kh.check("web-1", k));
        assertInstanceOf(KnownHosts.Unknown.class, kh.check("x.corp", blob("ssh-ed25519", 6)));
    }

    @Test
    void appendWritesOpenSshFormAndRepairsAMissingFinalNewline() throws Exception {
        Path f = dir.resolve("sub/known_hosts");
        byte[] k = blob("ssh-ed25519", 7);
        KnownHosts.append(f, KnownHosts.hostToken("h", 22), k);
        Files.writeString(f, Files.readString(f) + "x ssh-ed25519 " + b64(blob("ssh-ed25519", 8)));
        KnownHosts.append(f, KnownHosts.hostToken("h", 2200), k);
        String text = Files.readString(f);
        assertTrue(text.startsWith("h ssh-ed25519 " + b64(k) + "\n"), text);
        assertTrue(text.endsWith("\n[h]:2200 ssh-ed25519 " + b64(k) + "\n"), text);
        assertInstanceOf(KnownHosts.Known.class, KnownHosts.read(f).check("[h]:2200", k));
    }

    @Test
    void fingerprintIsUnpaddedBase64OfSha256AsOpenSshPrints() {
        String fp = KnownHosts.sha256Fingerprint(new byte[0]);
        assertEquals("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", fp);
    }

    @Test
    void aMissingFileIsEmpty() throws Exception {
        assertTrue(KnownHosts.read(dir.resolve("none")).entries().isEmpty());
    }
}
