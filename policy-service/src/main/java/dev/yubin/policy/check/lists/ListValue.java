package dev.yubin.policy.check.lists;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.DomainName;
import dev.yubin.policy.net.Cidr;
import dev.yubin.policy.web.InvalidInputException;
import java.util.Optional;

/**
 * A list entry in canonical form: an address ({@code 192.0.2.1}), a network ({@code 192.0.2.0/24},
 * host bits zero) or a domain (lower-case A-label), so that one entry has one spelling.
 *
 * @param text    the canonical spelling, as stored and shown
 * @param network the address or network, for address entries
 * @param domain  the domain, for domain entries
 */
record ListValue(String text, Optional<Cidr> network, Optional<String> domain) {

    static ListValue parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("value is required: an IP address, a CIDR network or a domain");
        }
        String candidate = raw.strip();
        if (candidate.matches("[0-9a-fA-F:.]+(/\\d+)?") && (candidate.contains(":") || candidate.matches("[\\d./]+"))) {
            try {
                Cidr cidr = Cidr.parse(candidate);
                int bits = cidr.network().getAddress().length * 8;
                String text = cidr.prefixLength() == bits ? cidr.network().getHostAddress() : cidr.toString();
                return new ListValue(text, Optional.of(cidr), Optional.empty());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("not an IP address or network: " + e.getMessage());
            }
        }
        try {
            String domain = DomainName.parse(candidate.endsWith(".") ? candidate.substring(0, candidate.length() - 1)
                    : candidate).value();
            if (!domain.contains(".")) {
                throw new InvalidInputException("a domain entry needs at least two labels: " + candidate);
            }
            return new ListValue(domain, Optional.empty(), Optional.of(domain));
        } catch (AddressException e) {
            throw new InvalidInputException("not an IP address, CIDR network or domain: " + candidate);
        }
    }
}
