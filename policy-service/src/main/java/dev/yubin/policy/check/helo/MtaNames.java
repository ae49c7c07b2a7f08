package dev.yubin.policy.check.helo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of {@code yubin.mta.*} the HELO check needs: the name the MTA announces, by default
 * the local host name (as the MTA's own default).
 */
@ConfigurationProperties("yubin.mta")
record MtaNames(String hostname) {

    Optional<String> hostnameOrLocal() {
        if (hostname != null && !hostname.isBlank()) {
            return Optional.of(hostname.strip());
        }
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
