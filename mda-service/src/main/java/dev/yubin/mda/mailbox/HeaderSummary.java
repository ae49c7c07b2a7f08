package dev.yubin.mda.mailbox;

/**
 * The header fields a mailbox listing shows, unfolded and with RFC 2047 encoded-words decoded.
 * A field the message lacks is {@code null}.
 */
record HeaderSummary(String from, String subject, String date, String messageId) {}
