package dev.yubin.mda.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * One stored copy as the access protocols see it.
 *
 * @param mailbox     the mailbox key ({@link dev.yubin.core.address.MailAddress#key()})
 * @param size        octets of the served message (delivery headers included)
 * @param receivedAt  when it was stored in this mailbox (the IMAP INTERNALDATE)
 * @param from        the decoded From header, or null; likewise subject, date, messageId
 * @param returnPath  the envelope sender as in the Return-Path field: {@code <a@b>} or {@code <>}
 * @param deliveredTo the mailbox as in the Delivered-To field
 */
public record StoredMessage(
        long id,
        String queueId,
        String mailbox,
        String folder,
        List<String> flags,
        long size,
        Instant receivedAt,
        String from,
        String subject,
        String date,
        String messageId,
        String returnPath,
        String deliveredTo) {}
