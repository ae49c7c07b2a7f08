package dev.yubin.mda.mailbox;

import dev.yubin.core.envelope.Envelope;
import java.util.Objects;

/**
 * One accepted message to store: its envelope (who gets a copy) and its bytes exactly as accepted.
 *
 * @param content the raw RFC 5322 message, never null
 */
public record InboundMessage(Envelope envelope, byte[] content) {

    public InboundMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
    }

    public String queueId() {
        return envelope.queueId().value();
    }
}
