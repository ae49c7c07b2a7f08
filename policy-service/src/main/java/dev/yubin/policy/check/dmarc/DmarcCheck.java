package dev.yubin.policy.check.dmarc;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.DkimResult;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.Submitter;
import dev.yubin.policy.check.dmarc.DmarcRecord.Disposition;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.dns.DnsAnswer;
import dev.yubin.policy.dns.DnsLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Type;

/**
 * End of DATA on the inbound path: DMARC (RFC 7489). The domain of {@code From:} is looked up at
 * {@code _dmarc.DOMAIN}, else at {@code _dmarc.} of its organizational domain (Public Suffix
 * List); the message passes when the SPF-authenticated MAIL FROM domain or the {@code d=} of a
 * passing DKIM signature — both as the MTA reports them — aligns with it ({@code aspf=},
 * {@code adkim=}). A failure meets the record's policy ({@code sp=} for a subdomain found through
 * the organizational domain; {@code pct=} samples): {@code reject} → 550 5.7.1 with a generic
 * text, {@code quarantine} → accepted into the Junk folder, {@code none} → accepted.
 *
 * <p>Every outcome goes to the decision log as {@code dmarc=RESULT (p=… dis=…) header.from=DOMAIN; …}
 * (RESULT: pass, fail, none, temperror, permerror), which the MTA copies into
 * Authentication-Results. A DNS failure is temperror and accepts: the policy of the domain owner
 * cannot be known, and delaying all their mail would punish them for their DNS.
 */
@Component
@Order(500)
class DmarcCheck implements Check {

    static final SmtpReply DMARC_REJECT = new SmtpReply(550, "5.7.1", "Message refused by policy");

    private final DmarcProperties properties;
    private final DnsLookup dns;
    private final RandomGenerator random;

    @Autowired
    DmarcCheck(DmarcProperties properties, DnsLookup dns) {
        this(properties, dns, new Random());
    }

    /** @param random decides which failing messages a {@code pct=} below 100 leaves out */
    DmarcCheck(DmarcProperties properties, DnsLookup dns, RandomGenerator random) {
        this.properties = properties;
        this.dns = dns;
        this.random = random;
    }

    @Override
    public String name() {
        return "dmarc";
    }

    @Override
    public Stage stage() {
        return Stage.DATA;
    }

    /** Inbound mail only: a submission's From: is judged by the ownership check. */
    @Override
    public boolean appliesTo(PolicyRequest request) {
        return properties.enabled() && !Submitter.isAuthenticated(request);
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        if (request.headerFrom() == null || request.headerFrom().isBlank()) {
            return Verdict.dunno("dmarc=none: no From: domain given");
        }
        String fromDomain;
        try {
            fromDomain = OrganizationalDomain.normalize(MailAddress.parse(bare(request.headerFrom())).domain());
        } catch (AddressException e) {
            return Verdict.dunno("dmarc=permerror: From: '" + request.headerFrom() + "' is not an address");
        }
        String header = " header.from=" + fromDomain;
        Discovery found = discover(fromDomain);
        if (found.record() == null) {
            return Verdict.dunno("dmarc=" + found.result() + header + "; " + found.why());
        }
        DmarcRecord record = found.record();
        List<String> why = new ArrayList<>();
        boolean spfAligned = spfAligned(request, fromDomain, record.spfAlignment(), why);
        boolean dkimAligned = dkimAligned(request, fromDomain, record.dkimAlignment(), why);
        Disposition policy = found.organizational() ? record.subdomainPolicy() : record.policy();
        String policyTags = "p=" + policy.tag();
        if (spfAligned || dkimAligned) {
            return Verdict.dunno("dmarc=pass (" + policyTags + ")" + header + "; " + String.join("; ", why));
        }
        Disposition applied = policy;
        if (record.percent() < 100 && random.nextInt(100) >= record.percent()) {
            applied = policy.milder();
            why.add("pct=" + record.percent() + " left this message out of " + policy.tag());
        }
        String detail = "dmarc=fail (" + policyTags + " dis=" + applied.tag() + ")" + header + "; "
                + String.join("; ", why) + "; record at " + found.name();
        return switch (applied) {
            case REJECT -> Verdict.reject(DMARC_REJECT, detail);
            case QUARANTINE -> Verdict.acceptInto(PolicyDecision.JUNK, SmtpReply.OK, detail);
            case NONE -> Verdict.dunno(detail);
        };
    }

    /** What policy discovery (RFC 7489 §6.6.3) found: a record, or the result to report instead. */
    private record Discovery(DmarcRecord record, String name, boolean organizational, String result, String why) {

        static Discovery missing(String result, String why) {
            return new Discovery(null, null, false, result, why);
        }
    }

    private Discovery discover(String fromDomain) {
        Discovery exact = lookup(fromDomain, false);
        if (exact.record() != null || !"none".equals(exact.result())) {
            return exact;
        }
        String organizational = OrganizationalDomain.of(fromDomain);
        if (organizational.equals(fromDomain)) {
            return exact;
        }
        Discovery parent = lookup(organizational, true);
        return parent.record() == null && "none".equals(parent.result())
                ? Discovery.missing("none", "no DMARC record at _dmarc." + fromDomain + " nor _dmarc." + organizational)
                : parent;
    }

    private Discovery lookup(String domain, boolean organizational) {
        String name = "_dmarc." + domain;
        DnsAnswer answer = dns.lookup(name, Type.TXT);
        if (answer.isTemporaryFailure()) {
            return Discovery.missing("temperror", "TXT " + name + ": " + answer.status());
        }
        List<String> records = answer.texts().stream().filter(DmarcRecord::isDmarc).toList();
        if (records.isEmpty()) {
            return Discovery.missing("none", "no DMARC record at " + name);
        }
        if (records.size() > 1) {
            return Discovery.missing("permerror", records.size() + " DMARC records at " + name);
        }
        try {
            return new Discovery(DmarcRecord.parse(records.get(0)), name, organizational, null, null);
        } catch (DmarcRecord.InvalidRecordException e) {
            return Discovery.missing("permerror", name + ": " + e.getMessage());
        }
    }

    private static boolean spfAligned(PolicyRequest request, String fromDomain, Alignment mode, List<String> why) {
        String result = request.spfResult() == null ? "none" : request.spfResult().toLowerCase(Locale.ROOT);
        String domain = request.spfDomain();
        if (!"pass".equals(result)) {
            why.add("spf=" + result + (domain == null ? "" : " smtp.mailfrom=" + domain) + ": no SPF pass");
            return false;
        }
        boolean aligned = mode.aligns(domain, fromDomain);
        why.add("spf=pass smtp.mailfrom=" + domain + (aligned ? " aligned" : " not aligned") + " (aspf=" + mode.tag() + ")");
        return aligned;
    }

    private static boolean dkimAligned(PolicyRequest request, String fromDomain, Alignment mode, List<String> why) {
        if (request.dkim().isEmpty()) {
            why.add("dkim=none: no signature");
            return false;
        }
        boolean any = false;
        for (DkimResult signature : request.dkim()) {
            if (!signature.passed()) {
                why.add("dkim=" + signature.result() + " header.d=" + signature.domain());
                continue;
            }
            boolean aligned = mode.aligns(signature.domain(), fromDomain);
            why.add("dkim=pass header.d=" + signature.domain() + (aligned ? " aligned" : " not aligned")
                    + " (adkim=" + mode.tag() + ")");
            any |= aligned;
        }
        return any;
    }

    /** The address alone: the MTA sends it bare, but {@code Name <addr>} costs nothing to accept. */
    private static String bare(String headerFrom) {
        String value = headerFrom.strip();
        int open = value.lastIndexOf('<');
        int close = value.lastIndexOf('>');
        return open >= 0 && close > open ? value.substring(open + 1, close).strip() : value;
    }
}
