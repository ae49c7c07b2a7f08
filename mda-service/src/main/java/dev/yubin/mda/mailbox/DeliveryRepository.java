package dev.yubin.mda.mailbox;

import java.time.Instant;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface DeliveryRepository extends Repository<Delivery, Delivery.Key> {

    /**
     * Claims the (message, mailbox) pair: 1 when this call is the first delivery, 0 when it was
     * delivered before. A concurrent claim of the same pair waits for the other transaction to
     * end, then gets 0 if that one committed.
     */
    @Modifying
    @Query(value = """
            insert into delivery (queue_id, mailbox, delivered_at)
            values (:queueId, :mailbox, :deliveredAt)
            on conflict (queue_id, mailbox) do nothing""", nativeQuery = true)
    int claim(@Param("queueId") String queueId, @Param("mailbox") String mailbox,
            @Param("deliveredAt") Instant deliveredAt);
}
