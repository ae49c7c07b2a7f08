package dev.yubin.mda.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * That a message was delivered to a mailbox. Kept when the copy is deleted, so that a replayed
 * Kafka record neither duplicates nor resurrects it.
 */
@Entity
@Table(name = "delivery")
class Delivery {

    @EmbeddedId
    private Key id;

    @Column(name = "delivered_at", nullable = false)
    private Instant deliveredAt;

    protected Delivery() {}

    @Embeddable
    record Key(@Column(name = "queue_id") String queueId, @Column(name = "mailbox") String mailbox) {}
}
