package dev.yubin.msa.submission;

import dev.yubin.core.envelope.QueueId;
import dev.yubin.msa.message.MessageParts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What RFC 6409 §8 lets a submission server add and RFC 5322 requires: a {@code Date:} and a
 * {@code Message-ID:} when the client wrote none, put before the header fields it wrote.
 */
final class MessageHygiene {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final String hostname;
    private final ZoneId zone;

    MessageHygiene(String hostname, ZoneId zone) {
        this.hostname = hostname;
        this.zone = zone;
    }

    /** @return the message with the missing fields added, or the very same array when none is missing */
    byte[] complete(MessageParts message, QueueId queueId, Instant now) {
        StringBuilder added = new StringBuilder();
        if (!message.has("Date")) {
            added.append("Date: ").append(DATE.format(now.atZone(zone))).append("\r\n");
        }
        if (!message.has("Message-ID")) {
            added.append("Message-ID: <").append(queueId.value()).append('@').append(hostname).append(">\r\n");
        }
        if (added.length() == 0) {
            return message.bytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(added.length() + message.bytes().length);
        out.writeBytes(added.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(message.bytes());
        return out.toByteArray();
    }
}
