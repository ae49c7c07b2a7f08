package dev.yubin.mda.mailbox;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface MailboxEntryRepository extends JpaRepository<MailboxEntry, Long> {

    List<MailboxEntry> findByMailboxAndFolderOrderByReceivedAtDescIdDesc(String mailbox, String folder);

    Optional<MailboxEntry> findByIdAndMailbox(long id, String mailbox);

    /** A bulk delete, so that two concurrent deletes of one entry give one 204 and one 404. */
    @Modifying
    @Query("delete from MailboxEntry e where e.id = :id and e.mailbox = :mailbox")
    int deleteByIdAndMailbox(@Param("id") long id, @Param("mailbox") String mailbox);
}
