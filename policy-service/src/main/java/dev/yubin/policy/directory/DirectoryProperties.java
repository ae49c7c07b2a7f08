package dev.yubin.policy.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read cache of the {@link Directory}.
 *
 * @param cacheTtl  how long an answer is reused; a write through another replica shows here after at most this
 *                  long (0 turns the cache off)
 * @param cacheSize at most this many answers per kind (domains, accounts, aliases, expansions, senders), and
 *                  at most this many remembered logins
 * @param verifiedPasswordTtl how long a successful password check is remembered, so that the next login with the
 *                  same password skips Argon2 (0: every login pays the full check); a changed password stops
 *                  matching at once
 */
@ConfigurationProperties("yubin.policy.directory")
record DirectoryProperties(@DefaultValue("5s") Duration cacheTtl, @DefaultValue("10000") long cacheSize,
                           @DefaultValue("5m") Duration verifiedPasswordTtl) {

    DirectoryProperties {
        if (cacheTtl.isNegative() || cacheSize < 0 || verifiedPasswordTtl.isNegative()) {
            throw new IllegalArgumentException("cache-ttl, cache-size and verified-password-ttl must not be negative");
        }
    }
}
