package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** 4xx → a retry topic, and delivery on a later attempt (schedule of 1s, 2s in these tests). */
class RelayRetryIT extends RelayIntegrationTest {

    @Test
    void greylistingMxGetsTheMessageOnTheRetry() throws Exception {
        String domain = newDomain("greylist");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        TestMx mx = mx(ip, new TestMx().greylisting());
        Envelope envelope = envelope("<alice@example.test>", "bob@" + domain);
        String id = envelope.queueId().value();

        relay(envelope, message("greylisted once"));

        await().atMost(TIMEOUT).until(() -> mx.received.size() == 1);
        List<JsonNode> events = awaitEvent(id, "delivered", "bob@" + domain);
        assertThat(events).extracting(e -> e.get("type").asString())
                .containsExactly("queued", "attempt", "deferred", "attempt", "delivered");
        JsonNode deferred = events.get(2);
        assertThat(deferred.get("reply").asString()).isEqualTo("451 4.7.1 greylisted, try again later");
        assertThat(deferred.get("attempt").asInt()).isEqualTo(1);
        Instant next = Instant.parse(deferred.get("nextAttemptAt").asString());
        JsonNode delivered = events.get(4);
        assertThat(delivered.get("attempt").asInt()).isEqualTo(2);
        assertThat(Instant.parse(delivered.get("time").asString())).isAfterOrEqualTo(next);
    }

    @Test
    void eachRecipientIsRetriedOnItsOwn() throws Exception {
        String domain = newDomain("split");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        TestMx mx = mx(ip, new TestMx().greylisting());
        Envelope first = envelope("<alice@example.test>", "bob@" + domain);
        relay(first, message("greylists bob"));
        await().atMost(TIMEOUT).until(() -> mx.received.size() == 1);
        // bob is known to the greylist now; carol is not
        Envelope both = envelope("<alice@example.test>", "bob@" + domain, "carol@" + domain);

        relay(both, message("bob now, carol later"));

        await().atMost(TIMEOUT).until(() -> mx.received.size() == 3);
        assertThat(mx.received.get(1).recipients()).containsExactly("bob@" + domain);
        assertThat(mx.received.get(2).recipients()).containsExactly("carol@" + domain);
    }

    @Test
    void senderOfAMessageDeferredPastTheWarningAgeIsToldOnceThatItIsDelayed() throws Exception {
        String domain = newDomain("busy");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        mx(ip, new TestMx().mailboxBusy("bob@" + domain));
        Envelope envelope = envelopeReceivedAt(Instant.now().minus(Duration.ofHours(5)), // delay-warning is 4h
                "<alice@example.test>", "bob@" + domain);
        String id = envelope.queueId().value();

        relay(envelope, message("stuck"));

        ConsumerRecord<String, byte[]> warning = awaitRecords(r -> r.topic().equals(Topics.INBOUND)
                && text(r.value()).contains("X-Yubin-Queue-ID: " + id), 1).get(0);
        assertThat(text(warning.value())).contains("Subject: Delayed Mail (still being retried)")
                .contains("Action: delayed").contains("Status: 4.2.0").contains("Will-Retry-Until: ");
        // two more attempts (1s, then 2s later), and still the one warning
        awaitRecords(r -> r.topic().equals(Topics.EVENTS) && id.equals(r.key())
                && type(json.readTree(r.value())).equals("deferred"), 3);
        assertThat(events(id).stream().filter(e -> type(e).equals("delayed"))).hasSize(1);
        assertThat(awaitRecords(r -> r.topic().equals(Topics.INBOUND), 1))
                .filteredOn(r -> text(r.value()).contains("X-Yubin-Queue-ID: " + id)).hasSize(1);
    }

    @Test
    void messagePastItsLifetimeIsBouncedAtItsNextTemporaryFailure() throws Exception {
        String domain = newDomain("expired");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        mx(ip, new TestMx().mailboxBusy("bob@" + domain));
        Envelope envelope = envelopeReceivedAt(Instant.now().minus(Duration.ofDays(6)), // lifetime is 5d
                "<alice@example.test>", "bob@" + domain);

        relay(envelope, message("too old"));

        String dsn = text(awaitRecords(r -> r.topic().equals(Topics.INBOUND)
                && text(r.value()).contains("X-Yubin-Queue-ID: " + envelope.queueId()), 1).get(0).value());
        assertThat(dsn).contains("Action: failed").contains("451 4.2.0 mailbox busy, try again later (gave up after 120h");
        List<JsonNode> events = awaitEvent(envelope.queueId().value(), "bounced", "bob@" + domain);
        assertThat(events).noneMatch(e -> type(e).equals("deferred"));
        JsonNode bounced = events.stream().filter(e -> type(e).equals("bounced")).findFirst().orElseThrow();
        assertThat(bounced.get("suppress").asBoolean()).isFalse();
    }

    @Test
    void unresolvableDomainIsDeferredNotBounced() throws Exception {
        String domain = newDomain("servfail");
        DNS.servfail(domain);
        Envelope envelope = envelope("<alice@example.test>", "bob@" + domain);

        relay(envelope, message("DNS is down"));

        List<JsonNode> events = awaitEvent(envelope.queueId().value(), "deferred", "bob@" + domain);
        assertThat(events.get(events.size() - 1).get("reply").asString()).startsWith("451 4.4.3");
        assertThat(awaitRecords(r -> r.topic().equals(Topics.EVENTS), 1))
                .noneMatch(r -> envelope.queueId().value().equals(r.key()) && text(r.value()).contains("\"bounced\""));
    }

    private static String type(JsonNode event) {
        return event.get("type").asString();
    }
}
