package dev.yubin.mda.trace;

import java.time.Instant;

/**
 * One destination in {@code GET /api/v1/queue}: the mail in flight to it.
 *
 * @param messages    distinct messages with a recipient there not yet delivered or bounced
 * @param recipients  those recipients
 * @param oldest      when the oldest of them was accepted
 * @param lastError   the latest deferral (or bounce) reply among them, or null
 */
public record QueueEntry(String destination, long messages, long recipients, Instant oldest, String lastError,
                         Instant lastErrorAt) {}
