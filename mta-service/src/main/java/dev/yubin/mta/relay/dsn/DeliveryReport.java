package dev.yubin.mta.relay.dsn;

import dev.yubin.core.envelope.Envelope;
import java.time.Instant;
import java.util.List;

/**
 * What a DSN reports: which message, about which recipients, and until when a delayed one is
 * still tried.
 *
 * @param original      the envelope of the message the report is about
 * @param originalBytes the message, whose header section goes into the report
 * @param willRetryUntil for a delay report: when we give up
 */
public record DeliveryReport(Envelope original, byte[] originalBytes, List<DsnRecipient> recipients,
                             Instant willRetryUntil) {

    public DeliveryReport {
        recipients = List.copyOf(recipients);
    }

    boolean delayed() {
        return recipients.stream().allMatch(r -> r.action() == DsnRecipient.Action.DELAYED);
    }
}
