package dev.yubin.policy.check.spf;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether the domain of an inbound MAIL FROM must resolve (MX, A or AAAA), as
 *                Postfix's reject_unknown_sender_domain: mail whose bounces could go nowhere is refused
 */
@ConfigurationProperties("yubin.policy.sender-domain")
record SenderDomainProperties(@DefaultValue("true") boolean enabled) {}
