package dev.yubin.mda.mailbox;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import java.nio.charset.StandardCharsets;

/**
 * The trace fields final delivery adds in front of each stored copy (RFC 5321 §4.4): the
 * {@code Return-Path} with the envelope sender ({@code <>} for a bounce) and the mailbox in
 * {@code Delivered-To}, which mail loops and forwarding are traced by.
 */
final class DeliveryHeaders {

    private DeliveryHeaders() {}

    static byte[] of(ReversePath sender, MailAddress mailbox, byte[] message) {
        String eol = lineEnding(message);
        String fields = "Return-Path: " + sender + eol + "Delivered-To: " + mailbox + eol;
        return fields.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The line ending the message itself uses, so that the served copy is consistent: CRLF as
     * SMTP carries it, or a bare LF for a message stored in Unix form.
     */
    static String lineEnding(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                return i > 0 && message[i - 1] == '\r' ? "\r\n" : "\n";
            }
        }
        return "\r\n";
    }
}
