package dev.yubin.mda.trace;

import static dev.yubin.mda.TestMessages.envelope;
import static dev.yubin.mda.TestMessages.message;
import static dev.yubin.mda.TestMessages.newMailbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.kafka.Topics;
import dev.yubin.mda.MdaIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * yubin.mail.events → PostgreSQL → GET /api/v1/trace/{queueId} and GET /api/v1/queue. The relay's
 * events are produced here in the shape mta-service writes them; the MDA's own delivered event
 * comes from a real delivery.
 */
class TraceApiIT extends MdaIntegrationTest {

    private final QueueIdGenerator queueIds = new QueueIdGenerator();

    @Test
    void traceOfADeliveredMessageListsAcceptanceRelayStepsAndTheMailbox() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope envelope = envelope("<alice@example.org>", bob);
        String id = envelope.queueId().value();
        String remote = "carol@" + domain();
        Instant received = Instant.now();
        event(id, """
                {"type":"accepted","queueId":"%s","sender":"alice@example.org","recipients":["%s","%s"],
                 "clientAddress":"192.0.2.7","time":"%s"}""".formatted(id, bob, remote, received));
        relayEvent("queued", id, remote, received, received.plusMillis(1), null);
        relayEvent("attempt", id, remote, received, received.plusMillis(2), null);
        relayEvent("delivered", id, remote, received, received.plusMillis(3), "250 2.0.0 Ok: queued");
        deliver(envelope, message("traced"));

        List<JsonNode> events = awaitTrace(id, 5);

        assertThat(types(events)).containsExactly("accepted", "queued", "attempt", "delivered", "delivered");
        assertThat(events.get(3).get("remoteHost").asString()).startsWith("mx.");
        assertThat(events.get(3).get("reply").asString()).isEqualTo("250 2.0.0 Ok: queued");
        JsonNode mda = events.get(4);
        assertThat(mda.get("mailbox").asString()).isEqualTo(bob.key());
        assertThat(mda.get("service").asString()).isEqualTo("mda");
    }

    @Test
    void traceOfABouncedMessageEndsWithTheBounceAndItsDsn() throws Exception {
        String id = queueIds.next().value();
        String dsn = queueIds.next().value();
        String remote = "nobody@" + domain();
        Instant received = Instant.now();
        event(id, """
                {"type":"accepted","queueId":"%s","sender":"alice@example.test","recipients":["%s"],"time":"%s"}"""
                .formatted(id, remote, received));
        relayEvent("queued", id, remote, received, received.plusMillis(1), null);
        relayEvent("attempt", id, remote, received, received.plusMillis(2), null);
        event(id, """
                {"type":"bounced","queueId":"%s","recipient":"%s","destination":"%s","remoteHost":"mx.%s[127.0.0.2]",
                 "reply":"550 5.1.1 no such user","attempt":1,"time":"%s","receivedAt":"%s","suppress":true,
                 "dsnQueueId":"%s","service":"mta-relay"}"""
                .formatted(id, remote, domainOf(remote), domainOf(remote), received.plusMillis(3), received, dsn));

        List<JsonNode> events = awaitTrace(id, 4);

        assertThat(types(events)).containsExactly("accepted", "queued", "attempt", "bounced");
        JsonNode bounce = events.get(3);
        assertThat(bounce.get("reply").asString()).isEqualTo("550 5.1.1 no such user");
        assertThat(bounce.get("suppress").asBoolean()).isTrue();
        assertThat(bounce.get("dsnQueueId").asString()).isEqualTo(dsn);
        assertThat(queueEntry(domainOf(remote))).isNull(); // a bounce is no longer in flight
    }

    @Test
    void queueShowsDeferredMailByDestinationWithItsLastError() throws Exception {
        String domain = domain();
        Instant oldest = Instant.parse("2026-01-01T10:00:00Z");
        String first = queueIds.next().value();
        String second = queueIds.next().value();
        relayEvent("queued", first, "a@" + domain, oldest, oldest.plusSeconds(1), null);
        relayEvent("deferred", first, "a@" + domain, oldest, oldest.plusSeconds(2), "451 4.7.1 greylisted");
        relayEvent("queued", second, "b@" + domain, oldest.plusSeconds(60), oldest.plusSeconds(61), null);
        relayEvent("deferred", second, "b@" + domain, oldest.plusSeconds(60), oldest.plusSeconds(62),
                "421 4.4.2 lost connection");

        await().atMost(DELIVERY_TIMEOUT).until(() -> {
            JsonNode entry = queueEntry(domain);
            return entry != null && entry.get("recipients").asLong() == 2;
        });
        JsonNode entry = queueEntry(domain);
        assertThat(entry.get("messages").asLong()).isEqualTo(2);
        assertThat(Instant.parse(entry.get("oldest").asString())).isEqualTo(oldest);
        assertThat(entry.get("lastError").asString()).isEqualTo("421 4.4.2 lost connection");

        relayEvent("delivered", first, "a@" + domain, oldest, oldest.plusSeconds(300), "250 ok");
        await().atMost(DELIVERY_TIMEOUT).until(() -> queueEntry(domain).get("recipients").asLong() == 1);
    }

    @Test
    void traceAndQueueAreForTheAdminOnly() throws Exception {
        String id = queueIds.next().value();
        assertThat(request("GET", "/api/v1/trace/" + id, null).statusCode()).isEqualTo(401);
        assertThat(request("GET", "/api/v1/queue", null).statusCode()).isEqualTo(401);
        assertThat(asAdmin("GET", "/api/v1/trace/" + id).statusCode()).isEqualTo(404);
        assertThat(asAdmin("GET", "/api/v1/trace/not-a-queue-id").statusCode()).isEqualTo(400);
    }

    private void relayEvent(String type, String queueId, String recipient, Instant received, Instant at, String reply)
            throws Exception {
        String domain = domainOf(recipient);
        event(queueId, """
                {"type":"%s","queueId":"%s","recipient":"%s","destination":"%s","remoteHost":"mx.%s[127.0.0.2]",
                 %s"attempt":1,"time":"%s","receivedAt":"%s","service":"mta-relay"}"""
                .formatted(type, queueId, recipient, domain, domain,
                        reply == null ? "" : "\"reply\":\"" + reply + "\",", at, received));
    }

    private void event(String queueId, String json) throws Exception {
        send(new ProducerRecord<>(Topics.EVENTS, queueId, json.getBytes(StandardCharsets.UTF_8)));
    }

    private List<JsonNode> awaitTrace(String queueId, int expected) {
        List<JsonNode> events = new ArrayList<>();
        await().atMost(DELIVERY_TIMEOUT).until(() -> {
            HttpResponse<byte[]> response = asAdmin("GET", "/api/v1/trace/" + queueId);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode trace = jsonOf(response);
            assertThat(trace.get("queueId").asString()).isEqualTo(queueId);
            events.clear();
            trace.get("events").forEach(events::add);
            return events.size() >= expected;
        });
        return events;
    }

    private JsonNode queueEntry(String destination) throws Exception {
        HttpResponse<byte[]> response = asAdmin("GET", "/api/v1/queue");
        assertThat(response.statusCode()).isEqualTo(200);
        for (JsonNode entry : jsonOf(response)) {
            if (entry.get("destination").asString().equals(destination)) {
                return entry;
            }
        }
        return null;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asString()).toList();
    }

    private static String domain() {
        return "remote-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private static String domainOf(String address) {
        return address.substring(address.indexOf('@') + 1);
    }
}
