package dev.yubin.policy.decision;

import dev.yubin.policy.net.Cidr;
import dev.yubin.policy.net.IpLiterals;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Client networks whose reputation is not judged ({@code yubin.policy.trusted-networks}): for a
 * client inside one, the engine skips every check that {@linkplain Check#judgesReputation()
 * judges reputation} (lists, connection rate, DNSBL, PTR, HELO, SPF, sender domain, greylisting).
 * Recipient validity and relay control still apply: a trusted network may not relay unless it
 * is also in {@code yubin.mta.relay-networks}. Default: none. The devstack trusts 127.0.0.1, so
 * that a local test client with a bare-word HELO and a made-up sender domain is not refused on
 * a machine without DNS. A bad CIDR stops startup.
 *
 * @param trustedNetworks IPv4 or IPv6 CIDRs (or single addresses), e.g. {@code 127.0.0.1/32}
 */
@ConfigurationProperties("yubin.policy")
public record TrustedNetworks(List<String> trustedNetworks) {

    public static final TrustedNetworks NONE = new TrustedNetworks(List.of());

    public TrustedNetworks {
        trustedNetworks = trustedNetworks == null ? List.of() : List.copyOf(trustedNetworks);
        for (String network : trustedNetworks) {
            try {
                Cidr.parse(network);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("yubin.policy.trusted-networks: " + e.getMessage(), e);
            }
        }
    }

    /** The trusted network the client address is in, if any; an unparsable address is in none. */
    Optional<Cidr> networkOf(String clientAddress) {
        return matcher().networkOf(clientAddress);
    }

    /** The networks parsed once, for the engine, which asks for every policy question. */
    Matcher matcher() {
        return new Matcher(trustedNetworks.stream().map(Cidr::parse).toList());
    }

    record Matcher(List<Cidr> networks) {

        Optional<Cidr> networkOf(String clientAddress) {
            if (networks.isEmpty() || clientAddress == null) {
                return Optional.empty();
            }
            Optional<InetAddress> client = IpLiterals.parse(clientAddress);
            return client.flatMap(ip -> networks.stream().filter(n -> n.contains(ip)).findFirst());
        }
    }
}
