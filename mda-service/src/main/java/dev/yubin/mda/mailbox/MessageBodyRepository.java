package dev.yubin.mda.mailbox;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface MessageBodyRepository extends JpaRepository<MessageBody, String> {

    /** Removes the body once its last entry is gone. */
    @Modifying(flushAutomatically = true)
    @Query(value = """
            delete from message_body b where b.queue_id = :queueId
            and not exists (select 1 from mailbox_entry e where e.queue_id = b.queue_id)""",
            nativeQuery = true)
    int deleteIfUnreferenced(@Param("queueId") String queueId);
}
