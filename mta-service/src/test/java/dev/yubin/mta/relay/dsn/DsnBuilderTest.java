package dev.yubin.mta.relay.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DsnBuilderTest {

    private static final Instant NOW = Instant.parse("2026-03-03T10:00:00Z");
    private final DsnBuilder builder = new DsnBuilder("relay.example.org", ZoneOffset.UTC);
    private final QueueId dsnId = new QueueIdGenerator().next();

    @Test
    void failureReportHasTheThreePartsOfRfc3464() {
        Recipient expanded = new Recipient(MailAddress.parse("bob@remote.example"), MailAddress.parse("team@example.test"));
        DeliveryReport report = new DeliveryReport(original(), "Subject: hi\r\nFrom: a@example.test\r\n\r\nsecret body\r\n"
                .getBytes(StandardCharsets.UTF_8), List.of(new DsnRecipient(expanded, DsnRecipient.Action.FAILED, "5.1.1",
                "mx.remote.example[192.0.2.25]", "550 5.1.1 no such user", NOW)), null);

        String dsn = new String(builder.build(dsnId, report, NOW), StandardCharsets.UTF_8);

        assertThat(dsn).startsWith("From: Mail Delivery System <MAILER-DAEMON@relay.example.org>\r\n")
                .contains("To: <alice@example.test>\r\n")
                .contains("Subject: Undelivered Mail Returned to Sender\r\n")
                .contains("Auto-Submitted: auto-replied\r\n")
                .contains("Content-Type: multipart/report; report-type=delivery-status;")
                .contains("Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; relay.example.org\r\n")
                .contains("Arrival-Date: Tue, 3 Mar 2026 09:00:00 +0000\r\n")
                .contains("Original-Recipient: rfc822; team@example.test\r\n"
                        + "Final-Recipient: rfc822; bob@remote.example\r\n"
                        + "Action: failed\r\n"
                        + "Status: 5.1.1\r\n"
                        + "Remote-MTA: dns; mx.remote.example\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 no such user\r\n")
                .contains("Content-Type: text/rfc822-headers\r\n\r\nSubject: hi\r\nFrom: a@example.test\r\n")
                .doesNotContain("secret body")
                .endsWith("--\r\n");
        assertThat(dsn.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void delayReportSaysUntilWhenItIsRetried() {
        DeliveryReport report = new DeliveryReport(original(), "Subject: hi\r\n\r\n".getBytes(StandardCharsets.UTF_8),
                List.of(new DsnRecipient(Recipient.of(MailAddress.parse("bob@remote.example")), DsnRecipient.Action.DELAYED,
                        "4.7.1", "", "451 4.7.1 greylisted", NOW)), Instant.parse("2026-03-08T09:00:00Z"));

        String dsn = new String(builder.build(dsnId, report, NOW), StandardCharsets.UTF_8);

        assertThat(dsn).contains("Subject: Delayed Mail (still being retried)")
                .contains("Action: delayed\r\n")
                .contains("Will-Retry-Until: Sun, 8 Mar 2026 09:00:00 +0000\r\n")
                .doesNotContain("Remote-MTA");
    }

    private static Envelope original() {
        return new Envelope(new QueueIdGenerator().next(), ReversePath.parse("<alice@example.test>"),
                List.of(Recipient.of(MailAddress.parse("bob@remote.example"))), "192.0.2.7", "", "client",
                Optional.empty(), Instant.parse("2026-03-03T09:00:00Z"), List.of());
    }
}
