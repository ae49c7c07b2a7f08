package dev.yubin.msa.config;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * The TLS context of both submission listeners, from the Spring SSL bundle
 * {@code yubin.msa.tls.bundle}. The listeners ask for it at every handshake; with
 * {@code spring.ssl.bundle.pem.NAME.reload-on-update=true} and PEM files, Spring reloads the
 * bundle when the files change and the next connection gets the renewed certificate.
 *
 * <p>Without a bundle (or one without a key) the MSA refuses to start: submission without TLS
 * would make users send their passwords in the clear, or not at all.
 */
@Component
public class SubmissionTls implements Supplier<SSLContext> {

    private static final Logger log = LoggerFactory.getLogger(SubmissionTls.class);

    private final AtomicReference<SSLContext> current;

    SubmissionTls(SslBundles bundles, MsaProperties msa) {
        String name = msa.tls().bundle();
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        } catch (NoSuchSslBundleException e) {
            throw new IllegalStateException(missing(name, "there is no SSL bundle '" + name + "'"), e);
        }
        if (bundle.getStores().getKeyStore() == null) {
            throw new IllegalStateException(missing(name, "the SSL bundle '" + name + "' has no certificate and key"));
        }
        current = new AtomicReference<>(bundle.createSslContext());
        bundles.addBundleUpdateHandler(name, this::reloaded);
    }

    /** The context for the next handshake. */
    @Override
    public SSLContext get() {
        return current.get();
    }

    private void reloaded(SslBundle bundle) {
        try {
            current.set(bundle.createSslContext());
            log.info("SSL bundle reloaded: new submission connections get the renewed certificate");
        } catch (RuntimeException e) {
            // a half-written file, say: keep serving the certificate we have
            log.warn("SSL bundle reloaded but unusable, keeping the previous certificate: {}", e.toString());
        }
    }

    private static String missing(String name, String what) {
        return "The MSA needs TLS and " + what + ": submission without TLS would expose passwords. Set "
                + "spring.ssl.bundle.pem." + name + ".keystore.certificate and .private-key (PEM files, e.g. "
                + "file:/etc/yubin/tls/tls.crt), or name another bundle in yubin.msa.tls.bundle.";
    }
}
