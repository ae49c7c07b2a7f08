package dev.yubin.policy.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bearer tokens of the REST API.
 *
 * @param adminToken    the operator's token; blank means: generate one at startup and log it
 * @param internalToken the token the other services present; the public default is fine for a
 *                      laptop only, hence the warning while it is in use
 */
@ConfigurationProperties("yubin.security")
public record SecurityProperties(String adminToken, @DefaultValue(DEFAULT_INTERNAL_TOKEN) String internalToken) {

    public static final String DEFAULT_INTERNAL_TOKEN = "yubin-dev-internal-token";
}
