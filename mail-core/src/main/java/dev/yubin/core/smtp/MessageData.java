package dev.yubin.core.smtp;

import java.util.Optional;

/**
 * A DATA (or BDAT) payload read to its end, and the first reason to refuse it, if any.
 *
 * @param bytes   the message as received, or empty when it was refused for its size
 * @param size    the number of octets the client sent, counted even past the limit
 * @param refusal the reply to refuse it with, or empty when it is acceptable
 */
public record MessageData(byte[] bytes, long size, Optional<SmtpReply> refusal) {

    public boolean isAcceptable() {
        return refusal.isEmpty();
    }
}
