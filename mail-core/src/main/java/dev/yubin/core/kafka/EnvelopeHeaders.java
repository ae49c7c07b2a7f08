package dev.yubin.core.kafka;

/** Names of the Kafka record headers that carry the envelope (version 1). */
public final class EnvelopeHeaders {

    public static final String VERSION = "yubin-envelope-version";
    public static final String QUEUE_ID = "yubin-queue-id";
    public static final String MAIL_FROM = "yubin-mail-from";
    /** Repeated, one per recipient: {@code address} or {@code address ORCPT=rfc822;original}. */
    public static final String RCPT_TO = "yubin-rcpt-to";
    public static final String CLIENT_ADDRESS = "yubin-client-address";
    public static final String CLIENT_NAME = "yubin-client-name";
    public static final String HELO = "yubin-helo";
    public static final String AUTH_USER = "yubin-auth-user";
    public static final String RECEIVED_AT = "yubin-received-at";
    /** Repeated, one per check: {@code name=result} then {@code ; detail} when there is one. */
    public static final String CHECK = "yubin-check";
    /**
     * The mailbox folder the MDA files the message in when it is not the INBOX, e.g. {@code Junk}
     * for a message the DMARC policy of its From: domain quarantines. Absent: the INBOX.
     */
    public static final String FOLDER = "yubin-folder";

    public static final String CURRENT_VERSION = "1";

    private EnvelopeHeaders() {}
}
