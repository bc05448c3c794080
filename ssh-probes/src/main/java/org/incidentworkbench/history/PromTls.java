package org.incidentworkbench.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS for {@link PromRangeQuery}: the system's trust store plus the CAs of one PEM file. */
public final class PromTls {

    private PromTls() {
    }

    /** An SSL context trusting the JDK's CAs and those in {@code caFile}. */
    public static SSLContext trusting(Path caFile) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (X509TrustManager tm : trustManagers(null)) {
                for (X509Certificate c : tm.getAcceptedIssuers()) {
                    ks.setCertificateEntry("system-" + i++, c);
                }
            }
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    ks.setCertificateEntry("ca-file-" + i++, c);
                }
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManagers(ks).toArray(new TrustManager[0]), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("the CA file " + caFile + " holds no PEM certificate the JDK can read: " + e.getMessage(), e);
        }
    }

    private static List<X509TrustManager> trustManagers(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        List<X509TrustManager> out = new ArrayList<>();
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                out.add(x);
            }
        }
        return out;
    }
}
