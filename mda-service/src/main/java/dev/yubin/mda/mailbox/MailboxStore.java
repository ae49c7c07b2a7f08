package dev.yubin.mda.mailbox;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Final delivery: puts one accepted message into the mailboxes of its envelope. */
@Service
public class MailboxStore {

    private final DeliveryRepository deliveries;
    private final MessageBodyRepository bodies;
    private final MailboxEntryRepository entries;
    private final Clock clock;

    MailboxStore(DeliveryRepository deliveries, MessageBodyRepository bodies, MailboxEntryRepository entries) {
        this.deliveries = deliveries;
        this.bodies = bodies;
        this.entries = entries;
        this.clock = Clock.systemUTC();
    }

    /**
     * Stores the message once and one entry per distinct recipient mailbox, all in one
     * transaction. Idempotent per (queue id, mailbox): delivering the same envelope again
     * stores nothing, also after the copy was deleted. Returns when the transaction has
     * committed.
     */
    @Transactional
    public DeliveryOutcome deliver(Envelope envelope, byte[] message) {
        String queueId = envelope.queueId().value();
        Instant now = clock.instant();
        List<MailAddress> fresh = new ArrayList<>();
        List<String> duplicate = new ArrayList<>();
        for (MailAddress mailbox : distinctMailboxes(envelope)) {
            if (deliveries.claim(queueId, mailbox.key(), now) == 1) {
                fresh.add(mailbox);
            } else {
                duplicate.add(mailbox.key());
            }
        }
        if (fresh.isEmpty()) {
            return new DeliveryOutcome(List.of(), duplicate);
        }
        bodies.insertIfAbsent(queueId, message, message.length, now);
        HeaderSummary summary = HeaderSummaryParser.parse(message);
        List<String> stored = new ArrayList<>();
        for (MailAddress mailbox : fresh) {
            byte[] headers = DeliveryHeaders.of(envelope.sender(), mailbox, message);
            entries.save(new MailboxEntry(mailbox.key(), queueId, headers, message.length, now,
                    envelope.sender().toString(), mailbox.toString(), summary));
            stored.add(mailbox.key());
        }
        return new DeliveryOutcome(stored, duplicate);
    }

    /** A mailbox reached twice (directly and through an alias) gets one copy. */
    private static Iterable<MailAddress> distinctMailboxes(Envelope envelope) {
        Map<String, MailAddress> byKey = new LinkedHashMap<>();
        for (Recipient recipient : envelope.recipients()) {
            byKey.putIfAbsent(recipient.address().key(), recipient.address());
        }
        return byKey.values();
    }
}
