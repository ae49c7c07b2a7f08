package dev.yubin.mda.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The bytes of one message exactly as accepted, shared by all its mailbox entries. Read through
 * JPA; {@link MailboxStore} inserts the rows with JDBC.
 */
@Entity
@Table(name = "message_body")
class MessageBody {

    @Id
    @Column(name = "queue_id")
    private String queueId;

    @Column(name = "content", nullable = false)
    private byte[] content;

    @Column(name = "size_octets", nullable = false)
    private long size;

    @Column(name = "stored_at", nullable = false)
    private Instant storedAt;

    protected MessageBody() {}

    String queueId() {
        return queueId;
    }

    byte[] content() {
        return content;
    }
}
