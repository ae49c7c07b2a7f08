package dev.yubin.core.envelope;

import dev.yubin.core.address.ReversePath;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the SMTP session said about a message, as opposed to what its headers say. Delivery
 * follows the envelope: a Bcc recipient or a forwarded copy is in {@link #recipients()} only.
 *
 * @param queueId           assigned when the message was accepted
 * @param sender            MAIL FROM; the null path for bounces
 * @param recipients        RCPT TO, resolved to the mailboxes this record is for
 * @param clientAddress     the IP address of the SMTP client
 * @param clientName        its verified reverse DNS name, or empty
 * @param helo              the name it gave in HELO/EHLO
 * @param authenticatedUser the account that authenticated (submission), if any
 * @param receivedAt        when we accepted the message
 * @param checks            the results of the checks that ran on it
 */
public record Envelope(
        QueueId queueId,
        ReversePath sender,
        List<Recipient> recipients,
        String clientAddress,
        String clientName,
        String helo,
        Optional<String> authenticatedUser,
        Instant receivedAt,
        List<CheckResult> checks) {

    public Envelope {
        if (queueId == null || sender == null || receivedAt == null) {
            throw new IllegalArgumentException("an envelope needs a queue id, a sender and a time");
        }
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        recipients = List.copyOf(recipients);
        checks = checks == null ? List.of() : List.copyOf(checks);
        clientAddress = clientAddress == null ? "" : clientAddress;
        clientName = clientName == null ? "" : clientName;
        helo = helo == null ? "" : helo;
        authenticatedUser = authenticatedUser == null ? Optional.empty() : authenticatedUser;
    }

    /** The same message for a subset of its recipients (one record per destination). */
    public Envelope withRecipients(List<Recipient> subset) {
        return new Envelope(queueId, sender, subset, clientAddress, clientName, helo,
                authenticatedUser, receivedAt, checks);
    }
}
