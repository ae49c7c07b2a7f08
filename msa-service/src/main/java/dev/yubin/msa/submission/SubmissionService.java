package dev.yubin.msa.submission;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.msa.dkim.DkimSigner;
import dev.yubin.msa.dkim.SigningException;
import dev.yubin.msa.message.FromHeader;
import dev.yubin.msa.message.MessageParts;
import dev.yubin.msa.policy.PolicyClient;
import dev.yubin.smtp.server.AcceptedEvents;
import dev.yubin.smtp.server.MailPublisher;
import dev.yubin.smtp.server.ReceivedHeader;
import dev.yubin.smtp.server.SmtpClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticated submission without the protocol: each SMTP stage of a {@link Submission} is one
 * call that answers with the reply to send. Call order per transaction: {@link #begin} (after
 * AUTH), {@link #mailFrom}, {@link #recipient} (repeated), {@link #accept} with the message data
 * read by mail-core's {@code MessageDataReader}.
 *
 * <p>The policy service decides at MAIL (the account owns the sender), RCPT (where the recipient
 * goes, the account's recipient limit) and DATA (the account owns the From: address, its hourly
 * message limit); without its answer nothing is accepted. An accepted message gets the Date and
 * Message-ID it lacks, our Received header and a DKIM signature of the From: domain, and is
 * stored in Kafka before the 250; then an {@code accepted} event goes to {@code yubin.mail.events}.
 */
public class SubmissionService {

    private static final Logger log = LoggerFactory.getLogger(SubmissionService.class);

    private final QueueIdGenerator queueIds;
    private final PolicyClient policy;
    private final MessageHygiene hygiene;
    private final ReceivedHeader receivedHeader;
    private final DkimSigner dkim;
    private final MailPublisher publisher;
    private final AcceptedEvents events;
    private final Clock clock;
    private final int maxRecipients;
    private final Counter accepted;

    SubmissionService(QueueIdGenerator queueIds, PolicyClient policy, MessageHygiene hygiene,
                      ReceivedHeader receivedHeader, DkimSigner dkim, MailPublisher publisher,
                      AcceptedEvents events, Clock clock, int maxRecipients, MeterRegistry meters) {
        this.queueIds = queueIds;
        this.policy = policy;
        this.hygiene = hygiene;
        this.receivedHeader = receivedHeader;
        this.dkim = dkim;
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
        this.maxRecipients = maxRecipients;
        this.accepted = Counter.builder("yubin.msa.messages.accepted")
                .description("Submitted messages stored in Kafka and acknowledged with 250")
                .register(meters);
    }

    /** Starts a transaction at MAIL FROM of an authenticated session: its queue id is assigned here. */
    public Submission begin(SmtpClient client) {
        return new Submission(queueIds.next(), client);
    }

    /** MAIL FROM: the account must own the sender; the null sender is refused by the policy too. */
    public Answer mailFrom(Submission tx, String path) {
        ReversePath sender;
        try {
            sender = ReversePath.parse(path);
        } catch (AddressException e) {
            log.info("{}: MAIL FROM refused for {}: {}", tx.queueId(), tx.user(), e.getMessage());
            return Answer.of(SmtpReply.BAD_SENDER_SYNTAX);
        }
        PolicyVerdict verdict = policy.check(new PolicyRequest(Stage.MAIL, tx.queueId().value(), tx.client().address(),
                null, tx.client().helo(), sender.address(), null, tx.user(), null, null, null));
        if (!verdict.accepted()) {
            log.info("{}: from={} refused for {}: {}", tx.queueId(), sender, tx.user(), verdict.reply());
            return answer(verdict);
        }
        tx.sender(sender);
        log.info("{}: from={} user={} client=[{}]", tx.queueId(), sender, tx.user(), tx.client().address());
        return Answer.of(SmtpReply.SENDER_OK);
    }

    /** RCPT TO: resolved once by the policy service; authenticated users may send anywhere. */
    public Answer recipient(Submission tx, String path) {
        if (tx.acceptedRecipients() >= maxRecipients) {
            return Answer.of(SmtpReply.TOO_MANY_RECIPIENTS);
        }
        MailAddress rcpt;
        try {
            rcpt = MailAddress.parse(path);
        } catch (AddressException e) {
            log.info("{}: RCPT TO refused: {}", tx.queueId(), e.getMessage());
            return Answer.of(SmtpReply.BAD_RECIPIENT_SYNTAX);
        }
        PolicyVerdict verdict = policy.check(new PolicyRequest(Stage.RCPT, tx.queueId().value(), tx.client().address(),
                null, tx.client().helo(), tx.sender().address(), rcpt.toString(), tx.user(), null, null,
                tx.acceptedRecipients() + 1));
        if (!verdict.accepted()) {
            log.info("{}: to=<{}> refused: {}", tx.queueId(), rcpt, verdict.reply());
            return answer(verdict);
        }
        try {
            tx.addRecipient(rcpt, verdict.recipients());
        } catch (AddressException e) {
            log.warn("{}: policy service resolved <{}> to an unusable address: {}", tx.queueId(), rcpt, e.getMessage());
            return Answer.of(SmtpReply.SYSTEM_UNAVAILABLE);
        }
        log.info("{}: to=<{}> accepted: {}", tx.queueId(), rcpt, verdict.recipients());
        return Answer.of(SmtpReply.RECIPIENT_OK);
    }

    /**
     * End of DATA: checks the From: address, completes, signs and stores the message: one record
     * for the local mailboxes, one per remote domain. 250 only once every record is acknowledged.
     */
    public Answer accept(Submission tx, byte[] body) {
        MessageParts parts = MessageParts.parse(body);
        Optional<MailAddress> author = FromHeader.author(parts);
        if (author.isEmpty()) {
            log.info("{}: message refused: no single From: address in {} header fields", tx.queueId(),
                    parts.fields("From").size());
            return Answer.of(SubmissionReplies.FROM_INVALID);
        }
        MailAddress from = author.get();
        PolicyVerdict verdict = policy.check(new PolicyRequest(Stage.DATA, tx.queueId().value(), tx.client().address(),
                null, tx.client().helo(), tx.sender().address(), null, tx.user(), (long) body.length,
                from.toString(), tx.acceptedRecipients()));
        if (!verdict.accepted()) {
            log.info("{}: message from {} refused for {}: {}", tx.queueId(), from, tx.user(), verdict.reply());
            return answer(verdict);
        }
        Instant now = clock.instant();
        byte[] completed = hygiene.complete(parts, tx.queueId(), now);
        Optional<String> signature;
        try {
            signature = dkim.sign(completed == body ? parts : MessageParts.parse(completed), from.domain(), now);
        } catch (SigningException e) {
            log.warn("{}: not accepted, DKIM signing for {} failed: {}", tx.queueId(), from.domain(), e.toString());
            return Answer.of(SmtpReply.SYSTEM_UNAVAILABLE);
        }
        if (signature.isEmpty()) {
            log.info("{}: {} has no DKIM key: sent unsigned", tx.queueId(), from.domain());
        }
        String received = receivedHeader.format(tx.queueId(), tx.client(), tx.singleRecipient(), now);
        byte[] message = concat(signature.orElse("") + received, completed);
        Envelope envelope = tx.envelope(now);
        if (!publisher.publish(tx.queueId(), tx.routes().records(envelope, message))) {
            return Answer.of(SmtpReply.SYSTEM_UNAVAILABLE);
        }
        accepted.increment();
        // one line per accepted message, in the shape of the MTA's (InboundService.accept), plus the
        // account and the DKIM domain; the same fields as key-value pairs for yubin.log.json=true
        List<String> to = envelope.recipients().stream().map(r -> r.address().toString()).toList();
        String dkimDomain = signature.isPresent() ? from.domain() : "none";
        log.atInfo().setMessage("{}: queued from={} client=[{}] user={} size={} nrcpt={} to={} header-from={} dkim={}")
                .addArgument(tx.queueId()).addArgument(tx.sender()).addArgument(tx.client().address())
                .addArgument(tx.user()).addArgument(message.length).addArgument(to.size()).addArgument(to)
                .addArgument(from).addArgument(dkimDomain)
                .addKeyValue("status", "queued").addKeyValue("from", tx.sender().toString())
                .addKeyValue("client", tx.client().address()).addKeyValue("user", tx.user())
                .addKeyValue("size", message.length).addKeyValue("nrcpt", to.size()).addKeyValue("to", to)
                .addKeyValue("headerFrom", from.toString()).addKeyValue("dkim", dkimDomain)
                .log();
        events.accepted(envelope);
        return Answer.of(SmtpReply.queued(tx.queueId().value()));
    }

    private static Answer answer(PolicyVerdict verdict) {
        return new Answer(verdict.reply(), verdict.drop());
    }

    private static byte[] concat(String headers, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(headers.length() + message.length);
        // our fields are ASCII: ReceivedHeader sanitizes the client's HELO
        out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(message);
        return out.toByteArray();
    }
}
