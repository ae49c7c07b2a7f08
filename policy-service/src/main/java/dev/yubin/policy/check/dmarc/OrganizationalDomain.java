package dev.yubin.policy.check.dmarc;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;

/**
 * The organizational domain of RFC 7489 §3.2: the public suffix of a domain (from the Public
 * Suffix List that Guava's {@link InternetDomainName} carries) plus one label. A name under no
 * listed suffix is taken to end in a one-label suffix (the list's implicit {@code *} rule), so
 * {@code mail.example.test} belongs to {@code example.test}.
 */
final class OrganizationalDomain {

    private OrganizationalDomain() {}

    /** {@code domain} lower case, as A-labels, without a final dot. */
    static String normalize(String domain) {
        String name = domain.strip();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid IDN: compared as written
        }
        return name.toLowerCase(Locale.ROOT);
    }

    static String of(String domain) {
        String name = normalize(domain);
        InternetDomainName parsed;
        try {
            parsed = InternetDomainName.from(name);
        } catch (IllegalArgumentException e) {
            return name;
        }
        if (parsed.isUnderPublicSuffix()) {
            return parsed.topPrivateDomain().toString();
        }
        if (parsed.isPublicSuffix()) {
            return name;   // a suffix itself (e.g. co.uk) has no organization above it
        }
        // Under no listed suffix: the last label is the suffix.
        int labels = parsed.parts().size();
        return labels <= 2 ? name : String.join(".", parsed.parts().subList(labels - 2, labels));
    }
}
