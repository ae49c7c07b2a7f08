package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 5xx → an RFC 3464 DSN to the sender, routed like any message; never one to {@code <>}. */
class BounceIT extends RelayIntegrationTest {

    @Test
    void refusedRecipientBouncesToTheLocalSenderWhileTheOtherIsDelivered() throws Exception {
        String domain = newDomain("bounce");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        TestMx mx = mx(ip, new TestMx().unknownUser("nobody@" + domain));
        Envelope envelope = envelope("<alice@example.test>", "nobody@" + domain, "bob@" + domain);
        String id = envelope.queueId().value();

        relay(envelope, message("will half bounce"));

        ConsumerRecord<String, byte[]> dsn = awaitDsnAbout(id);
        Envelope dsnEnvelope = KafkaRecords.toEnvelope(dsn.headers());
        assertThat(dsnEnvelope.sender().isNull()).isTrue();
        assertThat(dsnEnvelope.recipients()).extracting(r -> r.address().toString()).containsExactly("alice@example.test");
        String report = text(dsn.value());
        assertThat(report)
                .contains("Content-Type: multipart/report; report-type=delivery-status;")
                .contains("Content-Type: message/delivery-status")
                .contains("Reporting-MTA: dns; relay.yubin.test")
                .contains("Final-Recipient: rfc822; nobody@" + domain)
                .contains("Action: failed")
                .contains("Status: 5.1.1")
                .contains("Remote-MTA: dns; mx." + domain)
                .contains("Diagnostic-Code: smtp; 550 5.1.1 <nobody@" + domain + ">: no such user")
                .contains("Content-Type: text/rfc822-headers")
                .contains("Subject: will half bounce")
                .doesNotContain("Final-Recipient: rfc822; bob@")
                .doesNotContain("Grüße"); // the headers only, not the body
        assertThat(report.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        await().atMost(TIMEOUT).until(() -> mx.received.size() == 1);
        assertThat(mx.received.get(0).recipients()).containsExactly("bob@" + domain);

        List<JsonNode> events = awaitEvent(id, "bounced", "nobody@" + domain);
        JsonNode bounced = events.stream().filter(e -> e.get("type").asString().equals("bounced")).findFirst().orElseThrow();
        assertThat(bounced.get("suppress").asBoolean()).isTrue();
        assertThat(bounced.get("dsnQueueId").asString()).isEqualTo(dsnEnvelope.queueId().value());
        awaitEvent(id, "delivered", "bob@" + domain);
        awaitEvent(dsnEnvelope.queueId().value(), "accepted", null);

        // 5.1.1: the address goes on the policy service's suppression list; the delivered one does not
        TestPolicy.SuppressionRequest suppression = await().atMost(TIMEOUT).until(
                () -> POLICY.suppressions.stream().filter(s -> s.address().equals("nobody@" + domain)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(suppression.method()).isEqualTo("POST");
        assertThat(suppression.authorization()).isEqualTo("Bearer " + INTERNAL_TOKEN);
        assertThat(suppression.body().get("reason").asString())
                .contains("mx." + domain).contains("550 5.1.1 <nobody@" + domain + ">: no such user");
        assertThat(POLICY.suppressions).noneMatch(s -> s.address().endsWith("bob@" + domain));
    }

    @Test
    void messageFromTheNullSenderIsNeverBounced() throws Exception {
        String domain = newDomain("nullsender");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        mx(ip, new TestMx().unknownUser("nobody@" + domain));
        Envelope fromNull = envelope("<>", "nobody@" + domain);
        Envelope fromAlice = envelope("<alice@example.test>", "nobody@" + domain);

        relay(fromNull, message("a bounce that bounces"));
        relay(fromAlice, message("a message that bounces"));

        // Same key, same partition: once Alice's DSN is there, the first message was handled too.
        awaitDsnAbout(fromAlice.queueId().value());
        awaitEvent(fromNull.queueId().value(), "bounced", "nobody@" + domain);
        assertThat(awaitRecords(r -> r.topic().equals(Topics.INBOUND), 1))
                .noneMatch(r -> text(r.value()).contains(fromNull.queueId().value()));
        JsonNode bounced = events(fromNull.queueId().value()).stream()
                .filter(e -> e.get("type").asString().equals("bounced")).findFirst().orElseThrow();
        assertThat(bounced.has("dsnQueueId")).isFalse();
    }

    @Test
    void nullMxBouncesAtOnceWithoutAConnection() throws Exception {
        String domain = newDomain("nullmx");
        DNS.nullMx(domain);
        Envelope envelope = envelope("<alice@example.test>", "bob@" + domain);

        relay(envelope, message("to a domain that takes no mail"));

        String report = text(awaitDsnAbout(envelope.queueId().value()).value());
        assertThat(report).contains("Status: 5.1.10").contains("Diagnostic-Code: smtp; 556 5.1.10")
                .doesNotContain("Remote-MTA");
    }

    /** The DSN on yubin.mail.inbound that reports on the given message (its status part names it). */
    private ConsumerRecord<String, byte[]> awaitDsnAbout(String queueId) {
        return awaitRecords(r -> r.topic().equals(Topics.INBOUND)
                && text(r.value()).contains("X-Yubin-Queue-ID: " + queueId), 1).get(0);
    }
}
