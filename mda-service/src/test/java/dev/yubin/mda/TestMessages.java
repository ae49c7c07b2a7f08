package dev.yubin.mda;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Envelopes and messages for tests. */
public final class TestMessages {

    private static final QueueIdGenerator QUEUE_IDS = new QueueIdGenerator();

    private TestMessages() {}

    /** A fresh address, so that tests sharing the database do not see each other's mail. */
    public static MailAddress newMailbox(String name) {
        return MailAddress.parse(name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test");
    }

    public static Envelope envelope(String sender, MailAddress... recipients) {
        return envelope(sender, Arrays.stream(recipients).map(Recipient::of).toArray(Recipient[]::new));
    }

    public static Envelope envelope(String sender, Recipient... recipients) {
        return new Envelope(QUEUE_IDS.next(), ReversePath.parse(sender), List.of(recipients), "192.0.2.7",
                "client.example.org", "client.example.org", Optional.empty(), Instant.now(), List.of());
    }

    /** A CRLF message with an 8-bit UTF-8 body, as SMTP with 8BITMIME delivers it. */
    public static byte[] message(String subject) {
        return ("From: Alice Example <alice@example.org>\r\n"
                + "To: bob@example.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Tue, 3 Mar 2026 10:15:00 +0100\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n"
                + "Grüße aus Zürich.\r\n"
                + "..a line that was dot-stuffed on the wire\r\n"
                + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
