package dev.yubin.policy.check.ptr;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.dns.ReverseDns;
import dev.yubin.policy.net.IpLiterals;
import java.net.InetAddress;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * CONNECT (or HELO, per {@code yubin.policy.ptr.stage}): forward-confirmed reverse DNS. The
 * result ({@code fcrdns=pass|none|mismatch|temperror}) always goes to the decision log; with
 * {@code required} a client without it is refused per {@code action}, and a DNS failure is a
 * 451 4.7.25 (we could not tell). Runs after the lists and the DNSBLs, which are cheaper verdicts.
 */
@Component
@Order(40)
class PtrCheck implements Check {

    static final SmtpReply NO_FCRDNS_REJECT = new SmtpReply(550, "5.7.25", "Access denied");
    static final SmtpReply NO_FCRDNS_TEMPFAIL = new SmtpReply(450, "4.7.25", "Try again later");
    static final SmtpReply DNS_TEMPFAIL = new SmtpReply(451, "4.7.25", "Try again later");

    private final ReverseDns reverseDns;
    private final PtrProperties properties;

    PtrCheck(ReverseDns reverseDns, PtrProperties properties) {
        this.reverseDns = reverseDns;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "ptr";
    }

    @Override
    public Stage stage() {
        return properties.stage();
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        Optional<InetAddress> client = IpLiterals.parse(request.clientAddress());
        if (client.isEmpty()) {
            return Verdict.dunno("no client address to look up");
        }
        ReverseDns.Result result = reverseDns.verify(client.get());
        String detail = "fcrdns=" + switch (result.status()) {
            case PASS -> "pass";
            case NO_PTR -> "none";
            case MISMATCH -> "mismatch";
            case TEMPFAIL -> "temperror";
        } + ": " + result.detail();
        if (result.status() == ReverseDns.Status.PASS || !properties.refuses()) {
            return Verdict.dunno(detail);
        }
        if (result.status() == ReverseDns.Status.TEMPFAIL) {
            return Verdict.tempfail(DNS_TEMPFAIL, detail);
        }
        return properties.action() == PtrProperties.PtrAction.REJECT
                ? Verdict.reject(NO_FCRDNS_REJECT, detail)
                : Verdict.tempfail(NO_FCRDNS_TEMPFAIL, detail);
    }
}
