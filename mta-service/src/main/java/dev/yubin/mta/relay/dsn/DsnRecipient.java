package dev.yubin.mta.relay.dsn;

import dev.yubin.core.envelope.Recipient;
import java.time.Instant;

/**
 * The per-recipient fields of a delivery status notification (RFC 3464 §2.3).
 *
 * @param action     {@code failed} or {@code delayed}
 * @param status     RFC 3463 code, e.g. {@code 5.1.1}
 * @param remoteMta  the host that answered, or empty when none did
 * @param diagnostic the SMTP reply, e.g. {@code 550 5.1.1 no such user}
 */
public record DsnRecipient(Recipient recipient, Action action, String status, String remoteMta, String diagnostic,
                           Instant lastAttempt) {

    public enum Action {
        FAILED, DELAYED;

        String field() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
