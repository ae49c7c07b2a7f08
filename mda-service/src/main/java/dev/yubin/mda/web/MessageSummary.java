package dev.yubin.mda.web;

import dev.yubin.mda.mailbox.StoredMessage;
import java.time.Instant;
import java.util.List;

/** One line of a mailbox listing. */
record MessageSummary(long id, String queueId, String from, String subject, String date, long size,
        List<String> flags, String folder, Instant receivedAt) {

    static MessageSummary of(StoredMessage m) {
        return new MessageSummary(m.id(), m.queueId(), m.from(), m.subject(), m.date(), m.size(), m.flags(),
                m.folder(), m.receivedAt());
    }
}
