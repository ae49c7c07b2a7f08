package dev.yubin.msa.config;

import java.security.Provider;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Conscrypt's TLS provider where its native library loads here; not registered with the JVM. */
final class NativeTls {

    private static final Logger log = LoggerFactory.getLogger(NativeTls.class);

    private NativeTls() {}

    static Optional<Provider> provider() {
        try {
            Provider provider = org.conscrypt.Conscrypt.newProvider();
            SSLContext.getInstance("TLS", provider);   // fails here, not at the first client, when unusable
            log.info("submission TLS through {} {}", provider.getName(), provider.getVersionStr());
            return Optional.of(provider);
        } catch (Throwable e) {   // UnsatisfiedLinkError and friends: no native library for this platform
            log.info("submission TLS through the JDK: Conscrypt does not load here ({})", e.toString());
            return Optional.empty();
        }
    }
}
