package dev.yubin.mta.dns;

import java.util.List;

/**
 * Where mail for a domain goes, as RFC 5321 §5.1 and RFC 7505 decide it. Sealed, so that a
 * caller must handle each answer: hosts to try, a permanent "no such destination", or a
 * temporary resolver failure that deserves a retry.
 */
public sealed interface Route {

    /** Hosts in the order to try them: by preference, equal preferences shuffled. */
    record Hosts(List<MxHost> hosts) implements Route {
        public Hosts {
            hosts = List.copyOf(hosts);
        }
    }

    /**
     * The domain does not accept mail: null MX (RFC 7505), no such domain, or no MX and no
     * address. {@code nullMx} tells the first case, which has its own status code (5.1.10).
     */
    record Undeliverable(String reason, boolean nullMx) implements Route {}

    /** The resolver failed (SERVFAIL, timeout): ask again later. */
    record TryAgain(String reason) implements Route {}
}
