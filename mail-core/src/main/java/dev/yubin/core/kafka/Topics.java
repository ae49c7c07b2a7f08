package dev.yubin.core.kafka;

/** The Kafka topics of CONTRACT §4. */
public final class Topics {

    /** Messages for local mailboxes, keyed by queue id; consumed by the MDA. */
    public static final String INBOUND = "yubin.mail.inbound";
    /** Inbound records whose envelope cannot be read: kept for an operator, never dropped. */
    public static final String INBOUND_DLT = "yubin.mail.inbound.dlt";
    /** Messages for remote domains, keyed by recipient domain; consumed by the relay workers. */
    public static final String OUTBOUND = "yubin.mail.outbound";
    /** Prefix of the delayed outbound retry topics ({@code yubin.mail.outbound.retry.5m}, ...). */
    public static final String OUTBOUND_RETRY_PREFIX = "yubin.mail.outbound.retry.";
    /** JSON events about messages (accepted, delivered, deferred, bounced, rejected). */
    public static final String EVENTS = "yubin.mail.events";

    private Topics() {}
}
