package dev.yubin.policy.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Type;

/**
 * Forward-confirmed reverse DNS (FCrDNS): the client's address has a PTR name whose A (or AAAA)
 * records lead back to the address. Only such a name may be believed, a bare PTR being whatever
 * the owner of the address block chose to write.
 */
@Component
public class ReverseDns {

    /** A PTR set larger than this is a trick, not a host: the rest is not followed (as Postfix does). */
    static final int MAX_NAMES = 10;

    public enum Status { PASS, NO_PTR, MISMATCH, TEMPFAIL }

    /**
     * @param names     the PTR names found (lower case, no final dot)
     * @param confirmed the first name that leads back to the address, when {@link Status#PASS}
     * @param detail    what was looked up and found, for the decision log
     */
    public record Result(Status status, List<String> names, Optional<String> confirmed, String detail) {}

    private final DnsLookup dns;

    public ReverseDns(DnsLookup dns) {
        this.dns = dns;
    }

    public Result verify(InetAddress address) {
        String ip = address.getHostAddress();
        DnsAnswer ptr = dns.reverse(address);
        if (ptr.isTemporaryFailure()) {
            return new Result(Status.TEMPFAIL, List.of(), Optional.empty(),
                    "PTR of " + ip + ": " + ptr.status());
        }
        List<String> names = ptr.names().stream().limit(MAX_NAMES).toList();
        if (names.isEmpty()) {
            return new Result(Status.NO_PTR, List.of(), Optional.empty(), "no PTR for " + ip + " (" + ptr.status() + ")");
        }
        int type = address instanceof Inet4Address ? Type.A : Type.AAAA;
        List<String> seen = new ArrayList<>();
        boolean unsure = false;
        for (String name : names) {
            DnsAnswer forward = dns.lookup(name, type);
            if (forward.addresses().contains(address)) {
                return new Result(Status.PASS, names, Optional.of(name),
                        ip + " has PTR " + name + ", which resolves back");
            }
            unsure |= forward.isTemporaryFailure();
            seen.add(name + " → " + (forward.isFound()
                    ? forward.addresses().stream().map(InetAddress::getHostAddress).toList().toString()
                    : forward.status().toString()));
        }
        return new Result(unsure ? Status.TEMPFAIL : Status.MISMATCH, names, Optional.empty(),
                "PTR of " + ip + " does not resolve back: " + String.join("; ", seen));
    }
}
