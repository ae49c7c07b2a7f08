package dev.yubin.mda.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One copy of a message in one mailbox folder; the body is shared through the queue id. Read
 * and deleted through JPA; {@link MailboxStore} inserts the rows with JDBC, a batch at a time.
 */
@Entity
@Table(name = "mailbox_entry")
class MailboxEntry {

    static final String INBOX = "INBOX";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** {@link dev.yubin.core.address.MailAddress#key()} of the mailbox. */
    @Column(name = "mailbox", nullable = false)
    private String mailbox;

    @Column(name = "folder", nullable = false)
    private String folder;

    @Column(name = "queue_id", nullable = false)
    private String queueId;

    /** Return-Path and Delivered-To lines, served in front of the shared body. */
    @Column(name = "delivery_headers", nullable = false)
    private byte[] deliveryHeaders;

    /** Octets served: delivery headers plus body. */
    @Column(name = "size_octets", nullable = false)
    private long size;

    /** IMAP flags (atoms, RFC 9051 §2.3.2) separated by single spaces. */
    @Column(name = "flags", nullable = false)
    private String flags;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "return_path", nullable = false)
    private String returnPath;

    @Column(name = "delivered_to", nullable = false)
    private String deliveredTo;

    @Column(name = "from_header")
    private String from;

    @Column(name = "subject")
    private String subject;

    @Column(name = "date_header")
    private String date;

    @Column(name = "message_id")
    private String messageId;

    protected MailboxEntry() {}

    String queueId() {
        return queueId;
    }

    byte[] deliveryHeaders() {
        return deliveryHeaders;
    }

    StoredMessage toStoredMessage() {
        List<String> flagList = flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" "));
        return new StoredMessage(id, queueId, mailbox, folder, List.copyOf(flagList), size, receivedAt,
                from, subject, date, messageId, returnPath, deliveredTo);
    }
}
