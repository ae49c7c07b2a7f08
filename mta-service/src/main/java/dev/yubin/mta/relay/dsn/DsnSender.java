package dev.yubin.mta.relay.dsn;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.mta.policy.PolicyService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends a DSN from the null sender to the envelope sender of the message it reports on, routed
 * like any message: the policy service's RCPT stage says whether the sender is one of our
 * mailboxes (then the DSN goes to {@code yubin.mail.inbound}, alias-expanded as it says) or a
 * foreign address (then to {@code yubin.mail.outbound}). Call order: {@link #prepare}, then
 * {@link #publish} (again, with the same {@link Prepared}, when it failed: the queue id stays
 * the same, so the MDA's idempotent store absorbs a duplicate).
 */
public class DsnSender {

    /** The policy service cannot say where the sender is: try again later. */
    public static final class RoutingUnavailable extends RuntimeException {
        RoutingUnavailable(String message) {
            super(message);
        }
    }

    /** A DSN ready to send: its queue id, its bytes and whom it goes to. */
    public record Prepared(QueueId queueId, MailAddress to, byte[] message, Instant createdAt) {}

    private static final Logger log = LoggerFactory.getLogger(DsnSender.class);
    /** Relay refused: the policy service says the address is not in one of our domains. */
    private static final String NOT_LOCAL = "5.7.1";

    private final DsnBuilder builder;
    private final QueueIdGenerator queueIds;
    private final PolicyService policy;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final String heloName;

    public DsnSender(DsnBuilder builder, QueueIdGenerator queueIds, PolicyService policy,
                     KafkaTemplate<String, byte[]> kafka, Clock clock, String heloName) {
        this.builder = builder;
        this.queueIds = queueIds;
        this.policy = policy;
        this.kafka = kafka;
        this.clock = clock;
        this.heloName = heloName;
    }

    /** @throws IllegalArgumentException for a message from {@code <>}: a bounce is never bounced */
    public Prepared prepare(DeliveryReport report) {
        ReversePath sender = report.original().sender();
        if (sender.isNull()) {
            throw new IllegalArgumentException("no DSN for a message from <>");
        }
        QueueId id = queueIds.next();
        Instant now = clock.instant();
        return new Prepared(id, sender.mailbox().orElseThrow(), builder.build(id, report, now), now);
    }

    /**
     * Routes the DSN and stores its records in Kafka. Completes with the DSN's envelope once every
     * record is acknowledged, with empty when it is dropped (the sender is a local address that
     * no longer exists), or exceptionally when it must be tried again.
     */
    public CompletableFuture<Optional<Envelope>> publish(Prepared dsn) {
        PolicyVerdict verdict = policy.check(
                PolicyRequest.rcpt(dsn.queueId().value(), "127.0.0.1", heloName, "", dsn.to().toString(), null));
        List<ResolvedRecipient> targets;
        if (verdict.accepted()) {
            targets = verdict.recipients();
        } else if (verdict.reply().isPermanent() && NOT_LOCAL.equals(verdict.reply().enhanced())) {
            targets = List.of(new ResolvedRecipient(dsn.to().toString(), false));
        } else if (verdict.reply().isPermanent()) {
            log.warn("{}: DSN to <{}> dropped: the policy service refuses that recipient ({})",
                    dsn.queueId(), dsn.to(), verdict.reply());
            return CompletableFuture.completedFuture(Optional.empty());
        } else {
            return CompletableFuture.failedFuture(new RoutingUnavailable(
                    "cannot route the DSN to <" + dsn.to() + ">: " + verdict.reply()));
        }
        List<Recipient> local = new ArrayList<>();
        Map<String, List<Recipient>> remote = new LinkedHashMap<>();
        for (ResolvedRecipient target : targets) {
            Recipient recipient = new Recipient(MailAddress.parse(target.address()), dsn.to());
            if (target.local()) {
                local.add(recipient);
            } else {
                remote.computeIfAbsent(recipient.address().domain(), d -> new ArrayList<>()).add(recipient);
            }
        }
        List<Recipient> all = new ArrayList<>(local);
        remote.values().forEach(all::addAll);
        Envelope envelope = new Envelope(dsn.queueId(), ReversePath.NULL, all, "127.0.0.1", "", heloName,
                Optional.empty(), dsn.createdAt(), List.of());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        if (!local.isEmpty()) {
            records.add(KafkaRecords.inbound(envelope.withRecipients(local), dsn.message()));
        }
        remote.forEach((domain, recipients) ->
                records.add(KafkaRecords.outbound(domain, envelope.withRecipients(recipients), dsn.message())));
        CompletableFuture<?>[] sent = records.stream().map(kafka::send).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(sent).thenApply(done -> Optional.of(envelope));
    }
}
