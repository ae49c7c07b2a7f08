package dev.yubin.policy.check.helo;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.DomainName;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.net.IpLiterals;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * HELO/EHLO of the inbound path: the name must be a fully qualified domain name or an address
 * literal ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}), not {@code localhost}, not one of our
 * own names or addresses; else 550 5.7.1 with a generic text. Authenticated sessions are not
 * judged: mail programs on submission announce whatever their computer is called.
 */
@Component
@Order(20)
class HeloCheck implements Check {

    static final SmtpReply HELO_REJECTED = new SmtpReply(550, "5.7.1", "Helo command rejected");

    private final OwnIdentity own;

    HeloCheck(OwnIdentity own) {
        this.own = own;
    }

    @Override
    public String name() {
        return "helo";
    }

    @Override
    public Stage stage() {
        return Stage.HELO;
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    @Override
    public boolean appliesTo(PolicyRequest request) {
        return !Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        String helo = request.helo() == null ? "" : request.helo().strip();
        if (helo.isEmpty()) {
            return reject("no HELO name given");
        }
        if (helo.startsWith("[")) {
            return literal(helo, request.clientAddress());
        }
        if (IpLiterals.parse(helo).isPresent()) {
            return reject("HELO " + helo + " is a bare IP address, not an address literal [" + helo + "]");
        }
        String lower = helo.toLowerCase(Locale.ROOT);
        String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
        if (name.equals("localhost") || name.endsWith(".localhost") || name.equals("localhost.localdomain")) {
            return reject("HELO " + helo + " claims to be localhost");
        }
        String canonical;
        try {
            canonical = DomainName.parse(name).value();
        } catch (AddressException e) {
            return reject("HELO " + helo + " is not a valid host name: " + e.getMessage());
        }
        int lastDot = canonical.lastIndexOf('.');
        if (lastDot < 0) {
            return reject("HELO " + helo + " is not a fully qualified domain name");
        }
        if (canonical.substring(lastDot + 1).matches("\\d+")) {
            return reject("HELO " + helo + " has a numeric top-level domain");
        }
        if (own.isOwnName(canonical)) {
            return reject("HELO " + helo + " is one of our own names");
        }
        return Verdict.dunno("HELO " + helo + " is a well-formed FQDN");
    }

    private Verdict literal(String helo, String clientAddress) {
        if (!helo.endsWith("]")) {
            return reject("HELO " + helo + " is a malformed address literal");
        }
        String inner = helo.substring(1, helo.length() - 1);
        boolean v6 = inner.regionMatches(true, 0, "IPv6:", 0, 5);
        Optional<InetAddress> address = IpLiterals.parse(v6 ? inner.substring(5) : inner)
                .filter(a -> v6 == (a instanceof Inet6Address) && (v6 || !inner.contains(":")));
        if (address.isEmpty()) {
            return reject("HELO " + helo + " is a malformed address literal");
        }
        if (own.isOwnAddress(address.get())) {
            boolean fromItself = IpLiterals.parse(clientAddress).filter(address.get()::equals).isPresent();
            if (!fromItself) {
                return reject("HELO " + helo + " is one of our own addresses");
            }
        }
        if (address.get().isLoopbackAddress() && IpLiterals.parse(clientAddress).filter(a -> !a.isLoopbackAddress())
                .isPresent()) {
            return reject("HELO " + helo + " is a loopback address, the client " + clientAddress + " is not");
        }
        return Verdict.dunno("HELO " + helo + " is a well-formed address literal");
    }

    private static Verdict reject(String reason) {
        return Verdict.reject(HELO_REJECTED, reason);
    }
}
