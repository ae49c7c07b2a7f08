package dev.yubin.mta.inbound;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.authentication.Authentication;
import dev.yubin.mta.authentication.MessageAuthenticator;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.smtp.server.AcceptedEvents;
import dev.yubin.smtp.server.MailPublisher;
import dev.yubin.smtp.server.ReceivedHeader;
import dev.yubin.smtp.server.SmtpClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port 25 receive path without the protocol: each SMTP stage of a {@link Transaction}
 * becomes one call that answers with the reply to send. Call order per transaction:
 * {@link #begin}, {@link #mailFrom}, {@link #recipient} (repeated), {@link #accept}.
 */
public class InboundService {

    private static final Logger log = LoggerFactory.getLogger(InboundService.class);
    /** Port 25 wants a judged HELO name before mail, as Postfix's smtpd_helo_required does. */
    static final SmtpReply NEED_HELO = new SmtpReply(503, "5.5.1", "Error: send HELO/EHLO first");

    private final QueueIdGenerator queueIds;
    private final PolicyService policy;
    private final MailPublisher publisher;
    private final AcceptedEvents events;
    private final ReceivedHeader receivedHeader;
    private final Clock clock;
    private final int maxRecipients;
    private final Counter accepted;
    private final RefusalLog refusals;
    private final MessageAuthenticator authenticator;

    InboundService(QueueIdGenerator queueIds, PolicyService policy, MailPublisher publisher,
                   AcceptedEvents events, ReceivedHeader receivedHeader, Clock clock,
                   int maxRecipients, MeterRegistry meters, MessageAuthenticator authenticator) {
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
        this.refusals = new RefusalLog(meters);
        this.authenticator = authenticator;
    }

    /** Starts a transaction at MAIL FROM: this is where its queue id is assigned. */
    public Transaction begin(SmtpClient client) {
        return new Transaction(queueIds.next(), client);
    }

    /**
     * MAIL FROM: needs an accepted HELO/EHLO, then the policy service's MAIL stage (SPF, sender
     * domain) decides. Its checks are kept in the transaction ({@link Transaction#mailChecks()}).
     */
    public Answer mailFrom(Transaction tx, String path) {
        if (tx.client().helo().isEmpty()) {
            return refused(tx, Stage.MAIL, Answer.of(NEED_HELO), path, null);
        }
        try {
            tx.sender(ReversePath.parse(path));
        } catch (AddressException e) {
            log.debug("{}: MAIL FROM:<{}> is no address: {}", tx.queueId(), path, e.getMessage());
            return refused(tx, Stage.MAIL, Answer.of(SmtpReply.BAD_SENDER_SYNTAX), path, null);
        }
        PolicyVerdict verdict = policy.check(new PolicyRequest(Stage.MAIL, tx.queueId().value(), tx.client().address(),
                null, tx.client().helo(), tx.sender().isNull() ? "<>" : tx.sender().address(), null, null, null)
                .withSessionId(SessionChecks.sessionIdOf(tx.client())));
        tx.mailChecks(verdict.checks());
        if (!verdict.accepted()) {
            return refused(tx, Stage.MAIL, new Answer(verdict.reply(), verdict.drop()), tx.sender().address(), null);
        }
        log.debug("{}: from={} client=[{}] helo={}", tx.queueId(), tx.sender(), tx.client().address(), tx.client().helo());
        return Answer.of(SmtpReply.SENDER_OK);
    }

    public Answer recipient(Transaction tx, String path) {
        if (tx.acceptedRecipients() >= maxRecipients) {
            return refused(tx, Stage.RCPT, Answer.of(SmtpReply.TOO_MANY_RECIPIENTS), tx.sender().address(), path);
        }
        MailAddress rcpt;
        try {
            rcpt = MailAddress.parse(path);
        } catch (AddressException e) {
            log.debug("{}: RCPT TO:<{}> is no address: {}", tx.queueId(), path, e.getMessage());
            return refused(tx, Stage.RCPT, Answer.of(SmtpReply.BAD_RECIPIENT_SYNTAX), tx.sender().address(), path);
        }
        PolicyVerdict verdict = policy.check(PolicyRequest.rcpt(tx.queueId().value(),
                tx.client().address(), tx.client().helo(), tx.sender().address(), rcpt.toString(), null)
                .withSessionId(SessionChecks.sessionIdOf(tx.client())));
        if (!verdict.accepted()) {
            return refused(tx, Stage.RCPT, new Answer(verdict.reply(), verdict.drop()), tx.sender().address(),
                    rcpt.toString());
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

    private Answer refused(Transaction tx, Stage stage, Answer answer, String from, String to) {
        refusals.refused(tx.queueId().value(), stage, tx.client().address(), answer.reply(), from, to,
                tx.client().helo(), answer.drop() ? "drop" : null);
        return answer;
    }

    /**
     * Puts our Received header before the message and stores it in Kafka: one record for the
     * local mailboxes, one per remote domain. 250 only once every record is acknowledged.
     */
    public SmtpReply accept(Transaction tx, byte[] body) {
        // DKIM, DMARC and Authentication-Results first: a refused message is never stored
        Authentication authentication = authenticator.authenticate(new MessageAuthenticator.Message(
                tx.queueId().value(), tx.client().address(), tx.client().helo(), tx.sender(), tx.mailChecks(), body,
                SessionChecks.sessionIdOf(tx.client())));
        if (authentication instanceof Authentication.Refused refused) {
            refusals.refused(tx.queueId().value(), Stage.DATA, tx.client().address(), refused.reply(),
                    tx.sender().address(), null, tx.client().helo(), refused.reason());
            return refused.reply();
        }
        Authentication.Accepted authenticated = (Authentication.Accepted) authentication;

        Instant now = clock.instant();
        byte[] header = receivedHeader.format(tx.queueId(), tx.client(), tx.singleRecipient(), now)
                .getBytes(StandardCharsets.UTF_8);
        byte[] rest = authenticated.message();
        byte[] message = new byte[header.length + rest.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(rest, 0, message, header.length, rest.length);

        Envelope envelope = tx.envelope(now, authenticated.checks());
        List<ProducerRecord<String, byte[]>> records = tx.routes().records(envelope, message);
        // quarantine concerns our own mailboxes only; a relayed copy goes out as it came
        authenticated.folder().ifPresent(folder -> records.stream()
                .filter(record -> Topics.INBOUND.equals(record.topic()))
                .forEach(record -> KafkaRecords.fileIn(record.headers(), folder)));
        if (!publisher.publish(tx.queueId(), records)) {
            return SmtpReply.SYSTEM_UNAVAILABLE;
        }
        accepted.increment();
        // one line per accepted message, Postfix-like: the accept path logs nothing else at INFO;
        // the same fields as key-value pairs for yubin.log.json=true
        List<String> to = envelope.recipients().stream().map(r -> r.address().toString()).toList();
        String folder = authenticated.folder().orElse("INBOX");
        log.atInfo().setMessage("{}: queued from={} client=[{}] helo={} size={} nrcpt={} to={}{}")
                .addArgument(tx.queueId()).addArgument(tx.sender()).addArgument(tx.client().address())
                .addArgument(tx.client().helo()).addArgument(message.length).addArgument(to.size()).addArgument(to)
                .addArgument(authenticated.folder().map(f -> " folder=" + f).orElse(""))
                .addKeyValue("status", "queued").addKeyValue("from", tx.sender().toString())
                .addKeyValue("client", tx.client().address()).addKeyValue("helo", tx.client().helo())
                .addKeyValue("size", message.length).addKeyValue("nrcpt", to.size()).addKeyValue("to", to)
                .addKeyValue("folder", folder)
                .log();
        events.accepted(envelope);
        return SmtpReply.queued(tx.queueId().value());
    }
}
