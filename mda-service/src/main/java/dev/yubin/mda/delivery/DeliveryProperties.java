package dev.yubin.mda.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the consumer of {@code yubin.mail.inbound} waits when a batch cannot be stored for a
 * reason other than its records' content (the database is down): it retries the same batch,
 * first after {@code retryFirst}, doubling up to {@code retryMax}, and never gives up.
 */
@ConfigurationProperties("yubin.mda.delivery")
record DeliveryProperties(@DefaultValue("1s") Duration retryFirst, @DefaultValue("30s") Duration retryMax) {}
