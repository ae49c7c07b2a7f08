package dev.yubin.mta.dns;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The resolver for MX and address lookups ({@code yubin.dns.*}).
 *
 * @param servers      {@code host} or {@code host:port} of recursive resolvers; empty: the system's
 * @param timeout      how long one query may take before the next server (or a retry) is asked
 * @param cacheEntries how many record sets the TTL-respecting cache keeps
 */
@ConfigurationProperties("yubin.dns")
public record DnsProperties(
        @DefaultValue List<String> servers,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("50000") int cacheEntries) {

    public DnsProperties {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }
}
