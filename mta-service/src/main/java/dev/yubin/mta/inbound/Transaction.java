package dev.yubin.mta.inbound;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.CheckResult;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.smtp.server.RecipientRoutes;
import dev.yubin.smtp.server.SmtpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One mail transaction, from MAIL FROM to the end of DATA: its queue id, its sender and where
 * each accepted recipient goes. Confined to the thread of its SMTP session.
 */
public final class Transaction {

    private final QueueId queueId;
    private final SmtpClient client;
    private ReversePath sender = ReversePath.NULL;
    private List<PolicyCheck> mailChecks = List.of();
    private final List<MailAddress> accepted = new ArrayList<>();
    private final RecipientRoutes routes = new RecipientRoutes();

    public Transaction(QueueId queueId, SmtpClient client) {
        this.queueId = queueId;
        this.client = client;
    }

    public QueueId queueId() {
        return queueId;
    }

    public SmtpClient client() {
        return client;
    }

    public ReversePath sender() {
        return sender;
    }

    void sender(ReversePath sender) {
        this.sender = sender;
    }

    /**
     * The policy service's checks of MAIL FROM as its decision reported them, e.g. the
     * {@code spf} entry ({@code spf=pass (mailfrom=…, ip=…)}) that DMARC and
     * Authentication-Results need at DATA; empty before MAIL or when the service did not answer.
     */
    public List<PolicyCheck> mailChecks() {
        return mailChecks;
    }

    void mailChecks(List<PolicyCheck> checks) {
        this.mailChecks = List.copyOf(checks);
    }

    /** The number of RCPT TO commands accepted so far. */
    int acceptedRecipients() {
        return accepted.size();
    }

    /**
     * Records an accepted RCPT TO and where it resolved to. The first route to a mailbox wins, so
     * its original recipient is the first RCPT TO that reached it.
     *
     * @throws dev.yubin.core.address.AddressException when the policy service resolved to an
     *         address we cannot parse; nothing is recorded then
     */
    void addRecipient(MailAddress original, List<ResolvedRecipient> resolved) {
        routes.add(original, resolved);
        accepted.add(original);
    }

    /** The RCPT TO address when there was exactly one, for the {@code for} clause of Received. */
    Optional<MailAddress> singleRecipient() {
        return accepted.size() == 1 ? Optional.of(accepted.get(0)) : Optional.empty();
    }

    /** The envelope of the whole message; {@link #routes()} splits it per destination. */
    Envelope envelope(Instant receivedAt) {
        return envelope(receivedAt, List.of());
    }

    /** The same, with the results of the checks on the message (SPF, DKIM, DMARC) for the envelope headers. */
    Envelope envelope(Instant receivedAt, List<CheckResult> checks) {
        return new Envelope(queueId, sender, routes.all(), client.address(), "", client.helo(),
                Optional.empty(), receivedAt, checks);
    }

    RecipientRoutes routes() {
        return routes;
    }

    /** The local mailboxes: one record for the MDA. */
    List<Recipient> localRecipients() {
        return routes.local();
    }

    /** The remote addresses by destination domain: one record per domain for the relay. */
    Map<String, List<Recipient>> remoteRecipientsByDomain() {
        return routes.remoteByDomain();
    }
}
