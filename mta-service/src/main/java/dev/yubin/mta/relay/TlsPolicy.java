package dev.yubin.mta.relay;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.boot.ssl.SslBundles;

/**
 * How the relay's SMTP client uses TLS with each destination domain
 * ({@code yubin.relay.tls-policy.<domain>}), and the TLS contexts for it. Without an entry a
 * domain gets {@link Mode#MAY}: STARTTLS when offered, any certificate (RFC 7435), because
 * refusing an unverifiable certificate would only make us send in clear text instead. A domain
 * we exchange mail with under an agreement can be told to require TLS, or a verified one; then a
 * missing STARTTLS or a failed verification is a temporary failure, never a clear-text fallback.
 */
final class TlsPolicy {

    /** The per-domain settings, weakest first. */
    enum Mode {
        /** Never STARTTLS, even when offered (a server whose TLS is known to be broken). */
        NONE,
        /** STARTTLS when offered, any certificate; a failed handshake is retried in clear text. */
        MAY,
        /** STARTTLS required, any certificate: protects against passive eavesdropping only. */
        ENCRYPT,
        /** STARTTLS required, the chain checked against the trust store and the MX host name against the certificate. */
        VERIFY;

        boolean required() {
            return this == ENCRYPT || this == VERIFY;
        }
    }

    private final Map<String, Mode> byDomain;
    private final SSLSocketFactory anyCertificate;
    private final SSLSocketFactory verifying;

    private TlsPolicy(Map<String, Mode> byDomain, SSLSocketFactory anyCertificate, SSLSocketFactory verifying) {
        this.byDomain = byDomain;
        this.anyCertificate = anyCertificate;
        this.verifying = verifying;
    }

    /**
     * From {@code yubin.relay.tls-policy} and {@code yubin.relay.tls-trust-bundle}: the trust store
     * of that Spring SSL bundle verifies certificates; without a bundle, the JDK's (its
     * {@code cacerts}). A bundle named but missing stops the start.
     */
    static TlsPolicy of(RelayProperties relay, SslBundles bundles) {
        String bundle = relay.tlsTrustBundle() == null ? "" : relay.tlsTrustBundle().strip();
        TrustManager[] trust = bundle.isEmpty() ? jdkTrustManagers()
                : bundles.getBundle(bundle).getManagers().getTrustManagerFactory().getTrustManagers();
        return of(relay.tlsPolicy(), trust);
    }

    /** Every domain {@link Mode#MAY}. */
    static TlsPolicy opportunistic() {
        return of(Map.of(), jdkTrustManagers());
    }

    /** With these domain settings; {@link Mode#VERIFY} checks against the given trust managers. */
    static TlsPolicy of(Map<String, Mode> byDomain, TrustManager[] trust) {
        return new TlsPolicy(normalized(byDomain), context(new TrustManager[] {new AcceptAnyCertificate()}), context(trust));
    }

    /** The mode of a destination domain (case-insensitive; an address literal has its own entry, e.g. {@code [192.0.2.1]}). */
    Mode modeFor(String domain) {
        if (domain == null) {
            return Mode.MAY;
        }
        return byDomain.getOrDefault(domain.toLowerCase(Locale.ROOT), Mode.MAY);
    }

    /** The sockets for a STARTTLS under this mode: verifying for {@link Mode#VERIFY}, else accepting any certificate. */
    SSLSocketFactory socketFactory(Mode mode) {
        return mode == Mode.VERIFY ? verifying : anyCertificate;
    }

    private static Map<String, Mode> normalized(Map<String, Mode> configured) {
        Map<String, Mode> map = new HashMap<>();
        if (configured != null) {
            configured.forEach((domain, mode) -> map.put(domain.strip().toLowerCase(Locale.ROOT), mode));
        }
        return Map.copyOf(map);
    }

    private static TrustManager[] jdkTrustManagers() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's trust store cannot be read", e);
        }
    }

    private static SSLSocketFactory context(TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, new SecureRandom());
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS unavailable", e);
        }
    }

    /** Opportunistic TLS: an MX's name is not authenticated by DNS either, so its certificate proves nothing more. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
