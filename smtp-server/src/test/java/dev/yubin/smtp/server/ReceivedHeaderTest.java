package dev.yubin.smtp.server;

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
    private final ReceivedHeader header = new ReceivedHeader("mx.yubin.test", ZoneOffset.UTC, true);

    @Test
    void plainSessionWithOneRecipient() {
        String received = header.format(ID, new SmtpClient("192.0.2.10", "client.example.org", Optional.empty()),
                Optional.of(MailAddress.parse("alice@example.test")), AT);

        assertThat(received).isEqualTo(
                "Received: from client.example.org ([192.0.2.10]) by mx.yubin.test (Yubin)\r\n"
                        + "\twith ESMTP id 01J9ZQ4K7M0000000000 for <alice@example.test>;\r\n"
                        + "\tSat, 28 Nov 2026 14:08:00 +0000\r\n");
    }

    @Test
    void tlsSessionNamesProtocolAndCipherAndOmitsForWithManyRecipients() {
        SmtpClient client = new SmtpClient("192.0.2.10", "client.example.org",
                Optional.of(new SmtpClient.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384")));

        String received = header.format(ID, client, Optional.empty(), AT);

        assertThat(received).contains("with ESMTPS (version=TLSv1.3", "cipher=TLS_AES_256_GCM_SHA384)")
                .contains("id 01J9ZQ4K7M0000000000;")
                .doesNotContain(" for ");
        assertEveryLineFits(received);
    }

    @Test
    void ipv6ClientIsWrittenAsAnAddressLiteralAndMissingHeloFallsBackToIt() {
        String received = header.format(ID, new SmtpClient("2001:db8::1", "", Optional.empty()), Optional.empty(), AT);

        assertThat(received).startsWith("Received: from [IPv6:2001:db8::1] ([IPv6:2001:db8::1])\r\n\tby");
    }

    @Test
    void heloCannotBreakTheHeaderOrItsComment() {
        String received = header.format(ID, new SmtpClient("192.0.2.10", "evil)\r\nBcc: x (;", Optional.empty()),
                Optional.empty(), AT);

        assertThat(received).startsWith("Received: from evil???Bcc:?x??? ([192.0.2.10])");
        assertThat(received.split("\r\n")).allSatisfy(line -> assertThat(line).doesNotContain("\r", "\n"));
    }

    @Test
    void longPartsAreFoldedAndEveryLineEndsWithCrlf() {
        String longHelo = "a".repeat(60) + ".example.org";
        MailAddress rcpt = MailAddress.parse("b".repeat(30) + "@" + "c".repeat(30) + ".example");

        String received = header.format(ID, new SmtpClient("192.0.2.10", longHelo, Optional.empty()), Optional.of(rcpt), AT);

        assertThat(received).endsWith("\r\n").doesNotContain("\n\n");
        assertThat(received.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(received.replace("\r\n\t", " ")).contains("from " + longHelo + " ([192.0.2.10])",
                "for <" + rcpt + ">;", "; Sat, 28 Nov 2026 14:08:00 +0000");
        assertEveryLineFits(received);
    }

    @Test
    void aWordLongerThanALineStaysWholeOnItsOwnLine() {
        String hugeHelo = "h".repeat(120);

        String received = header.format(ID, new SmtpClient("192.0.2.10", hugeHelo, Optional.empty()), Optional.empty(), AT);

        assertThat(received).contains("\r\n\t" + hugeHelo + "\r\n");
    }

    @Test
    void anAuthenticatedSubmissionIsEsmtpsaAndLeavesTheClientAddressOutUnlessAsked() {
        SmtpClient user = new SmtpClient("198.51.100.7", "laptop.example.org",
                Optional.of(new SmtpClient.Tls("TLSv1.3", "TLS_AES_128_GCM_SHA256")), Optional.of("alice@example.test"));
        ReceivedHeader privateHeader = new ReceivedHeader("msa.yubin.test", ZoneOffset.UTC, false);

        String received = privateHeader.format(ID, user, Optional.empty(), AT);

        assertThat(received).startsWith("Received: from laptop.example.org by msa.yubin.test (Yubin)\r\n")
                .contains("with ESMTPSA (version=TLSv1.3")
                .doesNotContain("198.51.100.7");
        assertThat(new ReceivedHeader("msa.yubin.test", ZoneOffset.UTC, true).format(ID, user, Optional.empty(), AT))
                .startsWith("Received: from laptop.example.org ([198.51.100.7]) by msa.yubin.test");
        assertEveryLineFits(received);
    }

    @Test
    void withoutTheAddressAMissingHeloDoesNotFallBackToIt() {
        SmtpClient user = new SmtpClient("198.51.100.7", "", Optional.empty(), Optional.of("alice@example.test"));

        String received = new ReceivedHeader("msa.yubin.test", ZoneOffset.UTC, false).format(ID, user, Optional.empty(), AT);

        assertThat(received.replace("\r\n\t", " "))
                .startsWith("Received: from unknown by msa.yubin.test (Yubin) with ESMTPA id ")
                .doesNotContain("198.51.100.7");
    }

    private static void assertEveryLineFits(String header) {
        assertThat(Arrays.asList(header.split("\r\n"))).allSatisfy(
                line -> assertThat(line.length()).isLessThanOrEqualTo(ReceivedHeader.MAX_LINE));
    }
}
