package dev.yubin.policy.check.spf;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.directory.Directory;
import dev.yubin.policy.dns.DnsAnswer;
import dev.yubin.policy.dns.DnsLookup;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Type;

/**
 * MAIL FROM of the inbound path: the sender's domain must exist for mail, with an MX, or else an
 * A or AAAA record (RFC 5321 §5.1); else 550 5.1.8, and 451 4.1.8 when DNS does not answer. A
 * null MX (RFC 7505) is 550 5.7.27. Our own domains need no DNS; the null sender has no domain.
 */
@Component
@Order(210)
class SenderDomainCheck implements Check {

    static final SmtpReply DOMAIN_NOT_FOUND = new SmtpReply(550, "5.1.8", "Sender address rejected: Domain not found");
    static final SmtpReply DOMAIN_TEMPFAIL = new SmtpReply(451, "4.1.8",
            "Sender address rejected: Domain not found, try again later");
    static final SmtpReply NULL_MX = new SmtpReply(550, "5.7.27", "Sender address domain does not accept mail");

    private final SenderDomainProperties properties;
    private final DnsLookup dns;
    private final Directory directory;

    SenderDomainCheck(SenderDomainProperties properties, DnsLookup dns, Directory directory) {
        this.properties = properties;
        this.dns = dns;
        this.directory = directory;
    }

    @Override
    public String name() {
        return "sender-domain";
    }

    @Override
    public Stage stage() {
        return Stage.MAIL;
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    @Override
    public boolean appliesTo(PolicyRequest request) {
        return properties.enabled() && !Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        ReversePath sender;
        try {
            sender = ReversePath.parse(request.sender() == null ? "<>" : request.sender().strip());
        } catch (AddressException e) {
            return Verdict.reject(SmtpReply.BAD_SENDER_SYNTAX,
                    "sender <" + request.sender() + "> is not an address: " + e.getMessage());
        }
        if (sender.isNull()) {
            return Verdict.dunno("null sender: no domain to resolve");
        }
        MailAddress address = sender.mailbox().orElseThrow();
        String domain = address.domain();
        if (address.isAddressLiteral()) {
            return Verdict.dunno(domain + " is an address literal");
        }
        if (directory.isLocalDomain(domain)) {
            return Verdict.dunno(domain + " is one of our domains");
        }
        DnsAnswer mx = dns.lookup(domain, Type.MX);
        if (mx.isFound()) {
            List<String> hosts = mx.names();
            if (hosts.equals(List.of("."))) {
                return Verdict.reject(NULL_MX, domain + " publishes a null MX (RFC 7505): it sends and takes no mail");
            }
            return Verdict.dunno(domain + " has MX " + hosts);
        }
        if (mx.status() == DnsAnswer.Status.NXDOMAIN) {
            return Verdict.reject(DOMAIN_NOT_FOUND, domain + " does not exist (NXDOMAIN)");
        }
        DnsAnswer a = dns.lookup(domain, Type.A);
        DnsAnswer aaaa = a.isFound() ? a : dns.lookup(domain, Type.AAAA);
        if (a.isFound() || aaaa.isFound()) {
            return Verdict.dunno(domain + " has no MX but an address: " + (a.isFound() ? a : aaaa).describe());
        }
        if (mx.isTemporaryFailure() || a.isTemporaryFailure() || aaaa.isTemporaryFailure()) {
            return Verdict.tempfail(DOMAIN_TEMPFAIL, "could not resolve " + domain + ": " + mx.describe() + "; "
                    + a.describe() + "; " + aaaa.describe());
        }
        return Verdict.reject(DOMAIN_NOT_FOUND, domain + " has no MX, A or AAAA record");
    }
}
