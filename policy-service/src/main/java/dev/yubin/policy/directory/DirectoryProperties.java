package dev.yubin.policy.directory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read cache of the {@link Directory}.
 *
 * @param cacheTtl  how long an answer is reused; a write through another replica shows here after at most this
 *                  long (0 turns the cache off)
 * @param cacheSize at most this many answers per kind (domains, accounts, aliases, expansions, senders)
 */
@ConfigurationProperties("yubin.policy.directory")
record DirectoryProperties(@DefaultValue("5s") Duration cacheTtl, @DefaultValue("10000") long cacheSize) {

    DirectoryProperties {
        if (cacheTtl.isNegative() || cacheSize < 0) {
            throw new IllegalArgumentException("cache-ttl and cache-size must not be negative");
        }
    }
}
