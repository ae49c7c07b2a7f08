package dev.yubin.policy.check.dmarc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DMARC (RFC 7489) of the inbound path at DATA.
 *
 * @param enabled whether DMARC is evaluated at all; off, the MTA still verifies DKIM and writes
 *                Authentication-Results, with {@code dmarc=none}
 */
@ConfigurationProperties("yubin.policy.dmarc")
record DmarcProperties(@DefaultValue("true") boolean enabled) {}
