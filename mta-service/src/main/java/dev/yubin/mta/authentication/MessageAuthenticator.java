package dev.yubin.mta.authentication;

import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.CheckResult;
import dev.yubin.core.policy.DkimResult;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.Stage;
import dev.yubin.mta.policy.PolicyService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of DATA on port 25, where the message is: verifies its DKIM signatures, asks the policy
 * service's DATA stage (DMARC) with them and with the SPF result of MAIL, and writes the
 * Authentication-Results field (RFC 8601) of all three. Call once per message, after the whole
 * message has been read and before it is stored.
 */
public class MessageAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(MessageAuthenticator.class);

    private final DkimVerifier dkim;
    private final PolicyService policy;
    private final AuthenticationResults results;

    MessageAuthenticator(DkimVerifier dkim, PolicyService policy, String authservId) {
        this.dkim = dkim;
        this.policy = policy;
        this.results = new AuthenticationResults(authservId);
    }

    /**
     * What the session knows of a message.
     *
     * @param mailChecks the checks of the MAIL decision (the {@code spf} entry)
     * @param body       the message as received, without our Received field
     * @param sessionId  the SMTP session's id for the policy request, or null
     */
    public record Message(String queueId, String clientAddress, String helo, ReversePath sender,
                          List<PolicyCheck> mailChecks, byte[] body, String sessionId) {}

    public Authentication authenticate(Message message) {
        // found once: the DKIM check, the From: address and the removal of forged results all use it
        HeaderSection headers = HeaderSection.of(message.body());
        List<DkimResult> signatures = dkim.verify(message.body(), headers);
        SpfOutcome spf = SpfOutcome.of(message.mailChecks(), message.sender(), message.helo());
        String from = headers.fromAddress().orElse(null);

        PolicyVerdict verdict = policy.check(new PolicyRequest(Stage.DATA, message.queueId(), message.clientAddress(),
                null, message.helo(), message.sender().isNull() ? "<>" : message.sender().address(), null, null,
                (long) message.body().length, from, null, spf.result(), spf.domain(), signatures, message.sessionId()));
        DmarcOutcome dmarc = DmarcOutcome.of(verdict.checks());
        String summary = summary(spf, signatures, dmarc);
        if (!verdict.accepted()) {
            // PolicyService has logged why it had no answer; the decision log has the DMARC reasons
            return new Authentication.Refused(verdict.reply(), summary);
        }
        log.debug("{}: {}", message.queueId(), summary);

        String field = results.format(spf, signatures, dmarc, domainOf(from));
        byte[] ours = field.getBytes(StandardCharsets.UTF_8);
        byte[] rest = results.stripOurs(headers);
        if (rest.length != message.body().length) {
            log.info("{}: removed Authentication-Results fields that claimed our name", message.queueId());
        }
        byte[] stored = new byte[ours.length + rest.length];
        System.arraycopy(ours, 0, stored, 0, ours.length);
        System.arraycopy(rest, 0, stored, ours.length, rest.length);
        return new Authentication.Accepted(stored, Optional.ofNullable(verdict.folder()), checks(spf, signatures, dmarc));
    }

    private static List<CheckResult> checks(SpfOutcome spf, List<DkimResult> signatures, DmarcOutcome dmarc) {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(new CheckResult("spf", spf.result(),
                spf.identity() == null ? "" : "smtp." + spf.property() + "=" + spf.identity()));
        for (DkimResult signature : signatures) {
            checks.add(new CheckResult("dkim", signature.result(),
                    signature.domain() == null ? "" : "header.d=" + signature.domain() + " header.s=" + signature.selector()));
        }
        checks.add(new CheckResult("dmarc", dmarc.result(), dmarc.comment() == null ? "" : dmarc.comment()));
        return checks;
    }

    private static String summary(SpfOutcome spf, List<DkimResult> signatures, DmarcOutcome dmarc) {
        StringBuilder text = new StringBuilder("spf=").append(spf.result());
        if (signatures.isEmpty()) {
            text.append(" dkim=none");
        }
        for (DkimResult signature : signatures) {
            text.append(" dkim=").append(signature.result()).append(" (d=").append(signature.domain()).append(')');
        }
        text.append(" dmarc=").append(dmarc.result());
        if (dmarc.comment() != null) {
            text.append(" (").append(dmarc.comment()).append(')');
        }
        return text.toString();
    }

    private static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1);
    }
}
