package dev.yubin.smtp.server;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.policy.ResolvedRecipient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where the recipients of one transaction go, each resolved once by the policy service: local
 * mailboxes to one record on {@code yubin.mail.inbound} (keyed by queue id), remote addresses to
 * one record per destination domain on {@code yubin.mail.outbound} (keyed by that domain).
 * Confined to the thread of its SMTP session.
 */
public final class RecipientRoutes {

    /** One resolved recipient and whether it is a local mailbox (MDA) or a remote address (relay). */
    private record Route(Recipient recipient, boolean local) {}

    /** By {@link MailAddress#key()}: a mailbox named directly and through an alias gets one copy. */
    private final Map<String, Route> routes = new LinkedHashMap<>();

    /**
     * Adds where an accepted RCPT TO resolved to. The first route to a mailbox wins, so its
     * original recipient is the first RCPT TO that reached it.
     *
     * @throws dev.yubin.core.address.AddressException when a resolved address cannot be parsed;
     *         nothing is added then
     */
    public void add(MailAddress original, List<ResolvedRecipient> resolved) {
        List<Route> parsed = new ArrayList<>(resolved.size());
        for (ResolvedRecipient target : resolved) {
            parsed.add(new Route(new Recipient(MailAddress.parse(target.address()), original), target.local()));
        }
        for (Route route : parsed) {
            routes.putIfAbsent(route.recipient().address().key(), route);
        }
    }

    /** Every recipient, once. */
    public List<Recipient> all() {
        return routes.values().stream().map(Route::recipient).toList();
    }

    /** The local mailboxes: one record for the MDA. */
    public List<Recipient> local() {
        return routes.values().stream().filter(Route::local).map(Route::recipient).toList();
    }

    /** The remote addresses by destination domain: one record per domain for the relay. */
    public Map<String, List<Recipient>> remoteByDomain() {
        Map<String, List<Recipient>> byDomain = new LinkedHashMap<>();
        for (Route route : routes.values()) {
            if (!route.local()) {
                byDomain.computeIfAbsent(route.recipient().address().domain(), d -> new ArrayList<>())
                        .add(route.recipient());
            }
        }
        return byDomain;
    }

    /**
     * The records of a message: the envelope of the whole message split per destination.
     *
     * @param envelope its recipients are replaced by those of each record
     */
    public List<ProducerRecord<String, byte[]>> records(Envelope envelope, byte[] message) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<Recipient> local = local();
        if (!local.isEmpty()) {
            records.add(KafkaRecords.inbound(envelope.withRecipients(local), message));
        }
        for (Map.Entry<String, List<Recipient>> domain : remoteByDomain().entrySet()) {
            records.add(KafkaRecords.outbound(domain.getKey(), envelope.withRecipients(domain.getValue()), message));
        }
        return records;
    }
}
