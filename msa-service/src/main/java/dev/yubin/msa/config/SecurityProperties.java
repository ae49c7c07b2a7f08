package dev.yubin.msa.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The token of service-to-service calls ({@code yubin.security.*}). */
@ConfigurationProperties("yubin.security")
public record SecurityProperties(@DefaultValue(SecurityProperties.DEV_TOKEN) String internalToken) {

    /** Known to everyone who read the docs: fine on a laptop, never in production. */
    public static final String DEV_TOKEN = "yubin-dev-internal-token";

    public boolean isDevToken() {
        return DEV_TOKEN.equals(internalToken);
    }
}
