package dev.yubin.mda.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The shared secrets of docs/conventions.md.
 *
 * @param adminToken    reads every mailbox; blank: a random one is generated at startup
 * @param internalToken what this service presents to the others (the policy service)
 */
@ConfigurationProperties("yubin.security")
public record SecurityProperties(String adminToken, @DefaultValue(DEFAULT_INTERNAL_TOKEN) String internalToken) {

    public static final String DEFAULT_INTERNAL_TOKEN = "yubin-dev-internal-token";

    public boolean usesDefaultInternalToken() {
        return DEFAULT_INTERNAL_TOKEN.equals(internalToken);
    }
}
