package dev.yubin.policy.check.helo;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a client may not call itself besides {@code yubin.mta.hostname}: our other names (other MX
 * hosts, the public name of a load balancer) and addresses. The addresses of this host's own
 * interfaces count as ours as well.
 *
 * @param ownNames     host names that are ours
 * @param ownAddresses IP addresses that are ours (a client saying {@code HELO [addr]} with one is lying)
 */
@ConfigurationProperties("yubin.policy.helo")
record HeloProperties(List<String> ownNames, List<String> ownAddresses) {

    HeloProperties {
        ownNames = ownNames == null ? List.of() : List.copyOf(ownNames);
        ownAddresses = ownAddresses == null ? List.of() : List.copyOf(ownAddresses);
    }
}
