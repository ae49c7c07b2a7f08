package dev.yubin.mta.inbound;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.mta.policy.RcptVerdict;
import dev.yubin.smtp.server.AcceptedEvents;
import dev.yubin.smtp.server.MailPublisher;
import dev.yubin.smtp.server.ReceivedHeader;
import dev.yubin.smtp.server.SmtpClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port 25 receive path without the protocol: each SMTP stage of a {@link Transaction}
 * becomes one call that answers with the reply to send. Call order per transaction:
 * {@link #begin}, {@link #mailFrom}, {@link #recipient} (repeated), {@link #accept}.
 */
public class InboundService {

    private static final Logger log = LoggerFactory.getLogger(InboundService.class);

    private final QueueIdGenerator queueIds;
    private final PolicyService policy;
    private final MailPublisher publisher;
    private final AcceptedEvents events;
    private final ReceivedHeader receivedHeader;
    private final Clock clock;
    private final int maxRecipients;
    private final Counter accepted;

    InboundService(QueueIdGenerator queueIds, PolicyService policy, MailPublisher publisher,
                   AcceptedEvents events, ReceivedHeader receivedHeader, Clock clock,
                   int maxRecipients, MeterRegistry meters) {
        this.queueIds = queueIds;
        this.policy = policy;
        this.publisher = publisher;
        this.events = events;
        this.receivedHeader = receivedHeader;
        this.clock = clock;
        this.maxRecipients = maxRecipients;
        this.accepted = Counter.builder("yubin.mta.messages.accepted")
                .description("Messages stored in Kafka and acknowledged with 250")
                .register(meters);
    }

    /** Starts a transaction at MAIL FROM: this is where its queue id is assigned. */
    public Transaction begin(SmtpClient client) {
        return new Transaction(queueIds.next(), client);
    }

    public SmtpReply mailFrom(Transaction tx, String path) {
        try {
            tx.sender(ReversePath.parse(path));
        } catch (AddressException e) {
            log.info("{}: MAIL FROM refused from [{}]: {}", tx.queueId(), tx.client().address(), e.getMessage());
            return SmtpReply.BAD_SENDER_SYNTAX;
        }
        log.debug("{}: from={} client=[{}] helo={}", tx.queueId(), tx.sender(), tx.client().address(), tx.client().helo());
        return SmtpReply.SENDER_OK;
    }

    public Answer recipient(Transaction tx, String path) {
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
        RcptVerdict verdict = policy.checkRecipient(PolicyRequest.rcpt(tx.queueId().value(),
                tx.client().address(), tx.client().helo(), tx.sender().address(), rcpt.toString(), null));
        if (!verdict.accepted()) {
            log.info("{}: to=<{}> refused: {}{}", tx.queueId(), rcpt, verdict.reply(), verdict.drop() ? " (drop)" : "");
            return new Answer(verdict.reply(), verdict.drop());
        }
        try {
            tx.addRecipient(rcpt, verdict.recipients());
        } catch (AddressException e) {
            log.warn("{}: policy service resolved <{}> to an unusable address: {}", tx.queueId(), rcpt, e.getMessage());
            return Answer.of(SmtpReply.SYSTEM_UNAVAILABLE);
        }
        log.debug("{}: to=<{}> accepted: {}", tx.queueId(), rcpt, verdict.recipients());
        return Answer.of(SmtpReply.RECIPIENT_OK);
    }

    /**
     * Puts our Received header before the message and stores it in Kafka: one record for the
     * local mailboxes, one per remote domain. 250 only once every record is acknowledged.
     */
    public SmtpReply accept(Transaction tx, byte[] body) {
        Instant now = clock.instant();
        byte[] header = receivedHeader.format(tx.queueId(), tx.client(), tx.singleRecipient(), now)
                .getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[header.length + body.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(body, 0, message, header.length, body.length);

        Envelope envelope = tx.envelope(now);
        if (!publisher.publish(tx.queueId(), tx.routes().records(envelope, message))) {
            return SmtpReply.SYSTEM_UNAVAILABLE;
        }
        accepted.increment();
        // one line per accepted message, Postfix-like: the accept path logs nothing else at INFO
        log.info("{}: queued from={} client=[{}] helo={} size={} nrcpt={} to={}", tx.queueId(), tx.sender(),
                tx.client().address(), tx.client().helo(), message.length, envelope.recipients().size(),
                envelope.recipients().stream().map(r -> r.address().toString()).toList());
        events.accepted(envelope);
        return SmtpReply.queued(tx.queueId().value());
    }
}
