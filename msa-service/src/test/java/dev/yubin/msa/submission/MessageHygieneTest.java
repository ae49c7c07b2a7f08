package dev.yubin.msa.submission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.envelope.QueueId;
import dev.yubin.msa.message.MessageParts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MessageHygieneTest {

    private static final QueueId ID = new QueueId("01J9ZQ4K7M0000000000");
    private static final Instant NOW = Instant.parse("2026-11-28T14:08:00Z");
    private final MessageHygiene hygiene = new MessageHygiene("msa.yubin.test", ZoneOffset.UTC);

    @Test
    void aMessageWithoutDateAndMessageIdGetsBothBeforeItsOwnFields() {
        String completed = complete("From: alice@example.test\r\nSubject: hi\r\n\r\nbody\r\n");

        assertThat(completed).isEqualTo("Date: Sat, 28 Nov 2026 14:08:00 +0000\r\n"
                + "Message-ID: <01J9ZQ4K7M0000000000@msa.yubin.test>\r\n"
                + "From: alice@example.test\r\nSubject: hi\r\n\r\nbody\r\n");
    }

    @Test
    void fieldsTheClientWroteAreKeptWhateverTheirCase() {
        String message = "From: alice@example.test\r\nDATE: Fri, 27 Nov 2026 10:00:00 +0100\r\nMessage-Id: <x@y>\r\n\r\nbody\r\n";
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);

        assertThat(hygiene.complete(MessageParts.parse(bytes), ID, NOW)).isSameAs(bytes);
    }

    @Test
    void onlyTheMissingOneIsAdded() {
        assertThat(complete("Date: Fri, 27 Nov 2026 10:00:00 +0100\r\nFrom: a@example.test\r\n\r\n"))
                .startsWith("Message-ID: <01J9ZQ4K7M0000000000@msa.yubin.test>\r\nDate: Fri,");
        assertThat(complete("Message-ID: <x@y>\r\nFrom: a@example.test\r\n\r\n"))
                .startsWith("Date: Sat, 28 Nov 2026 14:08:00 +0000\r\nMessage-ID: <x@y>\r\n");
    }

    private String complete(String message) {
        byte[] completed = hygiene.complete(MessageParts.parse(message.getBytes(StandardCharsets.US_ASCII)), ID, NOW);
        return new String(completed, StandardCharsets.US_ASCII);
    }
}
