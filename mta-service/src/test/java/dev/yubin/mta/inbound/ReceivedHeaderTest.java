package dev.yubin.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.QueueId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReceivedHeaderTest {

    private static final QueueId ID = new QueueId("01J9ZQ4K7M0000000000");
    private static final Instant AT = Instant.parse("2026-11-28T14:08:00Z");
    private final ReceivedHeader header = new ReceivedHeader("mx.yubin.test", ZoneOffset.UTC);

    @Test
    void plainSessionWithOneRecipient() {
        String received = header.format(ID, new Client("192.0.2.10", "client.example.org", Optional.empty()),
                Optional.of(MailAddress.parse("alice@example.test")), AT);

        assertThat(received).isEqualTo(
                "Received: from client.example.org ([192.0.2.10]) by mx.yubin.test (Yubin)\r\n"
                        + "\twith ESMTP id 01J9ZQ4K7M0000000000 for <alice@example.test>;\r\n"
                        + "\tSat, 28 Nov 2026 14:08:00 +0000\r\n");
    }

    @Test
    void tlsSessionNamesProtocolAndCipherAndOmitsForWithManyRecipients() {
        Client client = new Client("192.0.2.10", "client.example.org",
                Optional.of(new Client.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384")));

        String received = header.format(ID, client, Optional.empty(), AT);

        assertThat(received).contains("with ESMTPS (version=TLSv1.3", "cipher=TLS_AES_256_GCM_SHA384)")
                .contains("id 01J9ZQ4K7M0000000000;")
                .doesNotContain(" for ");
        assertEveryLineFits(received);
    }

    @Test
    void ipv6ClientIsWrittenAsAnAddressLiteralAndMissingHeloFallsBackToIt() {
        String received = header.format(ID, new Client("2001:db8::1", "", Optional.empty()), Optional.empty(), AT);

        assertThat(received).startsWith("Received: from [IPv6:2001:db8::1] ([IPv6:2001:db8::1])\r\n\tby");
    }

    @Test
    void heloCannotBreakTheHeaderOrItsComment() {
        String received = header.format(ID, new Client("192.0.2.10", "evil)\r\nBcc: x (;", Optional.empty()),
                Optional.empty(), AT);

        assertThat(received).startsWith("Received: from evil???Bcc:?x??? ([192.0.2.10])");
        assertThat(received.split("\r\n")).allSatisfy(line -> assertThat(line).doesNotContain("\r", "\n"));
    }

    @Test
    void longPartsAreFoldedAndEveryLineEndsWithCrlf() {
        String longHelo = "a".repeat(60) + ".example.org";
        MailAddress rcpt = MailAddress.parse("b".repeat(30) + "@" + "c".repeat(30) + ".example");

        String received = header.format(ID, new Client("192.0.2.10", longHelo, Optional.empty()), Optional.of(rcpt), AT);

        assertThat(received).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(received.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(received.replace("\r\n\t", " ")).contains("from " + longHelo + " ([192.0.2.10])",
                "for <" + rcpt + ">;", "; Sat, 28 Nov 2026 14:08:00 +0000");
        assertEveryLineFits(received);
    }

    @Test
    void aWordLongerThanALineStaysWholeOnItsOwnLine() {
        String hugeHelo = "h".repeat(120);

        String received = header.format(ID, new Client("192.0.2.10", hugeHelo, Optional.empty()), Optional.empty(), AT);

        assertThat(received).contains("\r\n\t" + hugeHelo + "\r\n");
    }

    private static void assertEveryLineFits(String header) {
        assertThat(Arrays.asList(header.split("\r\n"))).allSatisfy(
                line -> assertThat(line.length()).isLessThanOrEqualTo(ReceivedHeader.MAX_LINE));
    }
}
