package dev.yubin.msa.submission;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.smtp.server.RecipientRoutes;
import dev.yubin.smtp.server.SmtpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One submitted mail transaction, from MAIL FROM to the end of DATA: its queue id, the
 * authenticated account, the sender and where each accepted recipient goes. Confined to the
 * thread of its SMTP session.
 */
public final class Submission {

    private final QueueId queueId;
    private final SmtpClient client;
    private final String user;
    private ReversePath sender = ReversePath.NULL;
    private final List<MailAddress> accepted = new ArrayList<>();
    private final RecipientRoutes routes = new RecipientRoutes();

    Submission(QueueId queueId, SmtpClient client) {
        this.queueId = queueId;
        this.client = client;
        this.user = client.authenticatedUser()
                .orElseThrow(() -> new IllegalArgumentException("a submission needs an authenticated user"));
    }

    public QueueId queueId() {
        return queueId;
    }

    SmtpClient client() {
        return client;
    }

    /** The account SMTP AUTH established. */
    String user() {
        return user;
    }

    ReversePath sender() {
        return sender;
    }

    void sender(ReversePath sender) {
        this.sender = sender;
    }

    /** The number of RCPT TO commands accepted so far. */
    int acceptedRecipients() {
        return accepted.size();
    }

    /**
     * Records an accepted RCPT TO and where the policy service resolved it to.
     *
     * @throws dev.yubin.core.address.AddressException when a resolved address does not parse;
     *         nothing is recorded then
     */
    void addRecipient(MailAddress original, List<ResolvedRecipient> resolved) {
        routes.add(original, resolved);
        accepted.add(original);
    }

    /** The RCPT TO address when there was exactly one, for the {@code for} clause of Received. */
    Optional<MailAddress> singleRecipient() {
        return accepted.size() == 1 ? Optional.of(accepted.get(0)) : Optional.empty();
    }

    RecipientRoutes routes() {
        return routes;
    }

    /** The envelope of the whole message; {@link #routes()} splits it per destination. */
    Envelope envelope(Instant receivedAt) {
        return new Envelope(queueId, sender, routes.all(), client.address(), "", client.helo(),
                Optional.of(user), receivedAt, List.of());
    }
}
