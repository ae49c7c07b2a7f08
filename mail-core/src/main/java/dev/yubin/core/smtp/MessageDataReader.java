package dev.yubin.core.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads message data the way every SMTP listener of ours must (CONTRACT §7), so that the MTA
 * and the MSA share one implementation:
 * <ul>
 *   <li>the stream is always drained to its end, even after a refusal is decided: a listener
 *       that stops reading early makes the rest of the body run as SMTP commands;</li>
 *   <li>the octets are counted, because a declared {@code SIZE=} proves nothing;</li>
 *   <li>a bare CR or bare LF is refused, so no smuggled message can hide behind a line ending
 *       that a downstream server reads differently;</li>
 *   <li>a line over 1000 octets with its CRLF (RFC 5321 §4.5.3.1.6) is refused.</li>
 * </ul>
 */
public final class MessageDataReader {

    /** 1000 octets with the CRLF. */
    static final int MAX_LINE_TEXT_OCTETS = 998;

    private final long maxMessageSize;

    public MessageDataReader(long maxMessageSize) {
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("the message size limit must be positive");
        }
        this.maxMessageSize = maxMessageSize;
    }

    public MessageData read(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long size = 0;
        int lineLength = 0;
        boolean previousWasCr = false;
        SmtpReply refusal = null;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n && refusal == null; i++) {
                byte b = buffer[i];
                if (previousWasCr != (b == '\n')) {
                    refusal = SmtpReply.BARE_LINE_ENDING;
                } else if (b == '\n') {
                    lineLength = 0;
                } else if (b != '\r' && ++lineLength > MAX_LINE_TEXT_OCTETS) {
                    refusal = SmtpReply.LINE_TOO_LONG;
                }
                previousWasCr = b == '\r';
            }
            size += n;
            if (size > maxMessageSize && refusal == null) {
                refusal = SmtpReply.MESSAGE_TOO_BIG;
            }
            if (refusal == null) {
                kept.write(buffer, 0, n);
            }
        }
        if (refusal == null && previousWasCr) {
            refusal = SmtpReply.BARE_LINE_ENDING;
        }
        if (refusal != null) {
            return new MessageData(new byte[0], size, Optional.of(refusal));
        }
        return new MessageData(kept.toByteArray(), size, Optional.empty());
    }
}
