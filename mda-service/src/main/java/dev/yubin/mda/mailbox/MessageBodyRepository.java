package dev.yubin.mda.mailbox;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface MessageBodyRepository extends JpaRepository<MessageBody, String> {

    /** Stores the body unless a record for another mailbox of the same message already did. */
    @Modifying
    @Query(value = """
            insert into message_body (queue_id, content, size_octets, stored_at)
            values (:queueId, :content, :size, :storedAt)
            on conflict (queue_id) do nothing""", nativeQuery = true)
    int insertIfAbsent(@Param("queueId") String queueId, @Param("content") byte[] content,
            @Param("size") long size, @Param("storedAt") Instant storedAt);

    /** Removes the body once its last entry is gone. */
    @Modifying(flushAutomatically = true)
    @Query(value = """
            delete from message_body b where b.queue_id = :queueId
            and not exists (select 1 from mailbox_entry e where e.queue_id = b.queue_id)""",
            nativeQuery = true)
    int deleteIfUnreferenced(@Param("queueId") String queueId);
}
