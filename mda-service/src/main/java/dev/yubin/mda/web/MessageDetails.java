package dev.yubin.mda.web;

import dev.yubin.mda.mailbox.StoredMessage;
import java.time.Instant;
import java.util.List;

/** A listing line plus what a single message view adds. */
record MessageDetails(long id, String queueId, String from, String subject, String date, long size,
        List<String> flags, String folder, Instant receivedAt, String messageId, String returnPath,
        String deliveredTo) {

    static MessageDetails of(StoredMessage m) {
        return new MessageDetails(m.id(), m.queueId(), m.from(), m.subject(), m.date(), m.size(), m.flags(),
                m.folder(), m.receivedAt(), m.messageId(), m.returnPath(), m.deliveredTo());
    }
}
