package dev.yubin.policy.check.recipient;

import dev.yubin.policy.net.Cidr;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of {@code yubin.mta.*} this service decides on: which client networks may relay
 * to foreign domains without AUTH. Default: none, not even loopback. A bad CIDR stops startup.
 *
 * @param relayNetworks IPv4 or IPv6 CIDRs (or single addresses), e.g. {@code 192.0.2.0/24}
 */
@ConfigurationProperties("yubin.mta")
record RelayProperties(List<String> relayNetworks) {

    RelayProperties {
        relayNetworks = relayNetworks == null ? List.of() : List.copyOf(relayNetworks);
        for (String network : relayNetworks) {
            try {
                Cidr.parse(network);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("yubin.mta.relay-networks: " + e.getMessage(), e);
            }
        }
    }

    List<Cidr> cidrs() {
        return relayNetworks.stream().map(Cidr::parse).toList();
    }
}
