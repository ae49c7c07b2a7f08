package dev.yubin.policy.dns;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The resolver every DNS check goes through (CONTRACT §3).
 *
 * @param servers        recursive resolvers as {@code host:port} ({@code [v6]:port}; port 53 when
 *                       left out); empty: the system's ({@code /etc/resolv.conf})
 * @param timeout        how long one attempt at one server may take
 * @param attempts       attempts per server before a lookup counts as timed out
 * @param cacheSize      answers kept at most (least recently used go first)
 * @param maxTtl         the longest an answer is kept, whatever its TTL says
 * @param maxNegativeTtl the longest a "no such name" or "no such record" is kept (RFC 2308:
 *                       the SOA minimum, capped here)
 * @param negativeTtlWithoutSoa how long a negative answer without a SOA is kept (0: not at all).
 *                       RFC 2308 §5 tells servers not to cache them; this cache serves only our
 *                       own checks, and some resolvers (a home router's, a cloud's) answer every
 *                       NXDOMAIN so: without it, each MAIL from such a domain asked again
 */
@ConfigurationProperties("yubin.dns")
public record DnsProperties(List<String> servers,
                            @DefaultValue("2s") Duration timeout,
                            @DefaultValue("2") int attempts,
                            @DefaultValue("10000") int cacheSize,
                            @DefaultValue("1h") Duration maxTtl,
                            @DefaultValue("15m") Duration maxNegativeTtl,
                            @DefaultValue("30s") Duration negativeTtlWithoutSoa) {

    public DnsProperties {
        servers = servers == null ? List.of() : servers.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (timeout.isNegative() || timeout.isZero() || attempts < 1 || cacheSize < 0
                || maxTtl.isNegative() || maxNegativeTtl.isNegative() || negativeTtlWithoutSoa.isNegative()) {
            throw new IllegalArgumentException(
                    "yubin.dns: timeout and attempts must be positive, cache settings not negative");
        }
    }
}
