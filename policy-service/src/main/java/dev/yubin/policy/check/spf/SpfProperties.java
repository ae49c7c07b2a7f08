package dev.yubin.policy.check.spf;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SPF (RFC 7208) of the inbound path at MAIL FROM.
 *
 * @param enabled    whether SPF is evaluated at all
 * @param failAction what an SPF {@code fail} gets: {@code reject} (550 5.7.23) or {@code record}
 *                   (accepted, the result logged, e.g. to leave the decision to DMARC later)
 */
@ConfigurationProperties("yubin.policy.spf")
record SpfProperties(@DefaultValue("true") boolean enabled, @DefaultValue("reject") FailAction failAction) {

    enum FailAction { REJECT, RECORD }
}
