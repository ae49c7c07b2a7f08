package dev.yubin.policy.check.spf;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.dns.DnsLookup;
import dev.yubin.policy.net.IpLiterals;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.DNSServiceEnabled;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.MacroExpandEnabled;
import org.apache.james.jspf.core.SPFCheckEnabled;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.executor.SynchronousSPFExecutor;
import org.apache.james.jspf.impl.DefaultTermsFactory;
import org.apache.james.jspf.impl.SPF;
import org.apache.james.jspf.parser.RFC4408SPF1Parser;
import org.apache.james.jspf.wiring.WiringServiceTable;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * MAIL FROM of the inbound path: SPF (RFC 7208) with Apache jSPF over our resolver. {@code fail}
 * is 550 5.7.23 (or only recorded, per {@code fail-action}); {@code temperror} is 451 4.7.24;
 * softfail, neutral, none and permerror are accepted and recorded as {@code spf=RESULT} in the
 * decision log. For the null sender {@code <>} the HELO name is the identity checked
 * ({@code postmaster@HELO}, RFC 7208 §2.4). Authenticated submissions are not checked: the
 * ownership checks judge them.
 */
@Component
@Order(200)
class SpfCheck implements Check {

    static final SmtpReply SPF_FAIL = new SmtpReply(550, "5.7.23", "SPF validation failed");
    static final SmtpReply SPF_TEMPERROR = new SmtpReply(451, "4.7.24", "SPF validation error, try again later");

    private final SpfProperties properties;
    private final SPF spf;

    SpfCheck(SpfProperties properties, DnsLookup dns) {
        this.properties = properties;
        this.spf = synchronousSpf(new SpfDns(dns));
    }

    /**
     * jSPF wired as its one-argument constructor does, but with its synchronous executor: the
     * asynchronous one never completes the result when a mechanism fails in a DNS callback, and
     * our lookups block anyway.
     */
    private static SPF synchronousSpf(DNSService dns) {
        WiringServiceTable wiring = new WiringServiceTable();
        wiring.put(DNSServiceEnabled.class, dns);
        MacroExpand macroExpand = new MacroExpand(dns);
        wiring.put(MacroExpandEnabled.class, macroExpand);
        RFC4408SPF1Parser parser = new RFC4408SPF1Parser(new DefaultTermsFactory(wiring));
        SPF spf = new SPF(dns, parser, macroExpand, new SynchronousSPFExecutor(dns));
        // include: evaluates another domain's record with this same SPF.
        wiring.put(SPFCheckEnabled.class, spf);
        return spf;
    }

    @Override
    public String name() {
        return "spf";
    }

    @Override
    public Stage stage() {
        return Stage.MAIL;
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    /** DMARC and Authentication-Results need the SPF result of mail from trusted clients too. */
    @Override
    public boolean yieldsAuthenticationResult() {
        return true;
    }

    @Override
    public boolean appliesTo(PolicyRequest request) {
        return properties.enabled() && !Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        Optional<InetAddress> client = IpLiterals.parse(request.clientAddress());
        if (client.isEmpty()) {
            return Verdict.dunno("spf=none: no client address");
        }
        ReversePath sender;
        try {
            sender = ReversePath.parse(request.sender() == null ? "<>" : request.sender().strip());
        } catch (AddressException e) {
            return Verdict.dunno("spf=none: sender " + request.sender() + " is not an address");
        }
        String helo = request.helo() == null ? "" : request.helo().strip();
        if (sender.isNull() && (helo.isEmpty() || helo.startsWith("["))) {
            return Verdict.dunno("spf=none: null sender and no HELO name to check");
        }
        if (!sender.isNull() && sender.mailbox().orElseThrow().isAddressLiteral()) {
            return Verdict.dunno("spf=none: sender domain is an address literal");
        }
        String identity = sender.isNull() ? "helo=" + helo : "mailfrom=" + sender.address();
        SPFResult result = spf.checkSPF(client.get().getHostAddress(), sender.address(), helo);
        String outcome = result.getResult() == null ? "temperror" : result.getResult().toLowerCase(Locale.ROOT);
        String detail = "spf=" + outcome + " (" + identity + ", ip=" + client.get().getHostAddress() + ")"
                + (result.getExplanation() == null || result.getExplanation().isBlank() ? ""
                        : ": " + result.getExplanation());
        return switch (outcome) {
            case "fail" -> properties.failAction() == SpfProperties.FailAction.REJECT
                    ? Verdict.reject(SPF_FAIL, detail)
                    : Verdict.dunno(detail);
            case "temperror" -> Verdict.tempfail(SPF_TEMPERROR, detail);
            default -> Verdict.dunno(detail);
        };
    }
}
