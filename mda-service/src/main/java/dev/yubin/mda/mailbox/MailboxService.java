package dev.yubin.mda.mailbox;

import dev.yubin.core.address.MailAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading and removing the copies in one mailbox. Every call is scoped to that mailbox. */
@Service
public class MailboxService {

    private static final Logger log = LoggerFactory.getLogger(MailboxService.class);

    private final MailboxEntryRepository entries;
    private final MessageBodyRepository bodies;

    MailboxService(MailboxEntryRepository entries, MessageBodyRepository bodies) {
        this.entries = entries;
        this.bodies = bodies;
    }

    /** The copies in one folder, newest first. */
    @Transactional(readOnly = true)
    public List<StoredMessage> list(MailAddress mailbox, String folder) {
        return entries.findByMailboxAndFolderOrderByReceivedAtDescIdDesc(mailbox.key(), folder).stream()
                .map(MailboxEntry::toStoredMessage)
                .toList();
    }

    /** Empty when there is no such id in this mailbox, even if it exists in another. */
    @Transactional(readOnly = true)
    public Optional<StoredMessage> find(MailAddress mailbox, long id) {
        return entries.findByIdAndMailbox(id, mailbox.key()).map(MailboxEntry::toStoredMessage);
    }

    @Transactional(readOnly = true)
    public Optional<RawMessage> raw(MailAddress mailbox, long id) {
        return entries.findByIdAndMailbox(id, mailbox.key())
                .flatMap(entry -> bodies.findById(entry.queueId())
                        .map(body -> new RawMessage(entry.deliveryHeaders(), body.content())));
    }

    /** Removes the copy, and the body with its last copy. False when there is no such copy. */
    @Transactional
    public boolean delete(MailAddress mailbox, long id) {
        Optional<String> queueId = entries.findByIdAndMailbox(id, mailbox.key()).map(MailboxEntry::queueId);
        if (queueId.isEmpty() || entries.deleteByIdAndMailbox(id, mailbox.key()) == 0) {
            return false;
        }
        boolean lastCopy = bodies.deleteIfUnreferenced(queueId.get()) == 1;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", queueId.get())) {
            log.info("Queue id {}: message {} deleted from {}{}", queueId.get(), id, mailbox.key(),
                    lastCopy ? ", body removed with its last copy" : "");
        }
        return true;
    }
}
