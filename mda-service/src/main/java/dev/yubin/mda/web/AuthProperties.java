package dev.yubin.mda.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mailbox owners are authenticated.
 *
 * @param cacheTtl        how long a successful password check is trusted without asking again
 *                        (a changed password takes at most this long to lock out the old one)
 * @param cacheMaxEntries bound on remembered checks
 * @param policyTimeout   connect and read timeout of the call to the policy service
 */
@ConfigurationProperties("yubin.mda.auth")
record AuthProperties(
        @DefaultValue("60s") Duration cacheTtl,
        @DefaultValue("10000") int cacheMaxEntries,
        @DefaultValue("3s") Duration policyTimeout) {}
