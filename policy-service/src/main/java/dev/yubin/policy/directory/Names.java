package dev.yubin.policy.directory;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.policy.web.InvalidInputException;
import java.util.Optional;

/** Parsing of the domain names and addresses that arrive over the API, into their stored form. */
final class Names {

    private Names() {}

    /**
     * The lower-case A-label of a host name (IDN accepted, one trailing dot tolerated).
     * mail-core has no public domain parser yet, so the domain is parsed as part of an address:
     * one grammar for both.
     */
    static String domain(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a domain name is required");
        }
        String candidate = name.strip();
        if (candidate.endsWith(".")) {
            candidate = candidate.substring(0, candidate.length() - 1);
        }
        if (candidate.startsWith("[") || candidate.contains("@")) {
            throw new InvalidInputException("not a domain name: " + name);
        }
        try {
            return MailAddress.parse("postmaster@" + candidate).domain();
        } catch (AddressException e) {
            throw new InvalidInputException("not a domain name: " + name);
        }
    }

    /** The stored form of a domain named in a URL, or empty when it cannot name one. */
    static Optional<String> lookupDomain(String name) {
        try {
            return Optional.of(domain(name));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    static MailAddress address(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("an address is required");
        }
        try {
            return MailAddress.parse(raw.strip());
        } catch (AddressException e) {
            throw new InvalidInputException("not a valid address '" + raw + "': " + e.getMessage());
        }
    }

    /** The lookup key of an address named in a URL, or empty when it cannot name one. */
    static Optional<String> lookupKey(String raw) {
        try {
            return Optional.of(address(raw).key());
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }
}
