package dev.yubin.mta.inbound;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.policy.ResolvedRecipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One mail transaction, from MAIL FROM to the end of DATA: its queue id, its sender and where
 * each accepted recipient goes. Confined to the thread of its SMTP session.
 */
public final class Transaction {

    /** One resolved recipient and whether it is a local mailbox (MDA) or a remote address (relay). */
    record Route(Recipient recipient, boolean local) {}

    private final QueueId queueId;
    private final Client client;
    private ReversePath sender = ReversePath.NULL;
    private final List<MailAddress> accepted = new ArrayList<>();
    /** By {@link MailAddress#key()}: a mailbox named directly and through an alias gets one copy. */
    private final Map<String, Route> routes = new LinkedHashMap<>();

    public Transaction(QueueId queueId, Client client) {
        this.queueId = queueId;
        this.client = client;
    }

    public QueueId queueId() {
        return queueId;
    }

    public Client client() {
        return client;
    }

    public ReversePath sender() {
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
     * Records an accepted RCPT TO and where it resolved to. The first route to a mailbox wins, so
     * its original recipient is the first RCPT TO that reached it.
     *
     * @throws dev.yubin.core.address.AddressException when the policy service resolved to an
     *         address we cannot parse; nothing is recorded then
     */
    void addRecipient(MailAddress original, List<ResolvedRecipient> resolved) {
        List<Route> parsed = new ArrayList<>(resolved.size());
        for (ResolvedRecipient target : resolved) {
            parsed.add(new Route(new Recipient(MailAddress.parse(target.address()), original), target.local()));
        }
        accepted.add(original);
        for (Route route : parsed) {
            routes.putIfAbsent(route.recipient().address().key(), route);
        }
    }

    /** The RCPT TO address when there was exactly one, for the {@code for} clause of Received. */
    Optional<MailAddress> singleRecipient() {
        return accepted.size() == 1 ? Optional.of(accepted.get(0)) : Optional.empty();
    }

    /** The envelope of the whole message; split it per destination with {@link Envelope#withRecipients}. */
    Envelope envelope(Instant receivedAt) {
        List<Recipient> recipients = routes.values().stream().map(Route::recipient).toList();
        return new Envelope(queueId, sender, recipients, client.address(), "", client.helo(),
                Optional.empty(), receivedAt, List.of());
    }

    /** The local mailboxes: one record for the MDA. */
    List<Recipient> localRecipients() {
        return routes.values().stream().filter(Route::local).map(Route::recipient).toList();
    }

    /** The remote addresses by destination domain: one record per domain for the relay. */
    Map<String, List<Recipient>> remoteRecipientsByDomain() {
        Map<String, List<Recipient>> byDomain = new LinkedHashMap<>();
        for (Route route : routes.values()) {
            if (!route.local()) {
                byDomain.computeIfAbsent(route.recipient().address().domain(), d -> new ArrayList<>())
                        .add(route.recipient());
            }
        }
        return byDomain;
    }
}
