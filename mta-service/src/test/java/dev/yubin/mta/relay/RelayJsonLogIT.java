package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code yubin.log.json=true} turns the relay's log into JSON lines: the line of a delivery
 * attempt, read from stdout, parses as JSON and carries the queue id, the recipient, the relay,
 * the enhanced status and the status as fields, for a delivered and for a bounced recipient.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayJsonLogIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StandaloneRelay world;
    private TestMx mx;

    @BeforeEach
    void startWorld() {
        world = new StandaloneRelay(1);
    }

    @AfterEach
    void stopWorld() {
        if (mx != null) {
            mx.close();
        }
        world.close();
    }

    @Test
    void everyDeliveryAttemptIsOneJsonLineWithTheQueueIdRecipientRelayAndStatus(CapturedOutput output) throws Exception {
        String domain = "json-" + Long.toHexString(System.nanoTime()) + ".test";
        world.dns.mx(domain, 10, "mx." + domain).a("mx." + domain, "127.0.0.251");
        mx = new TestMx().unknownUser("nobody@" + domain).start("127.0.0.251", world.mxPort);
        Envelope envelope = new Envelope(new QueueIdGenerator().next(), ReversePath.parse("<alice@example.test>"),
                List.of(Recipient.of(MailAddress.parse("bob@" + domain)), Recipient.of(MailAddress.parse("nobody@" + domain))),
                "192.0.2.7", "", "client", Optional.empty(), Instant.now(), List.of());
        String queueId = envelope.queueId().value();

        try (ConfigurableApplicationContext relay = world.start("--yubin.log.json=true")) {
            world.queue(domain, List.of(envelope), List.of("Subject: json log\r\n\r\nbody\r\n".getBytes()));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    attemptLine(output, queueId, "sent") != null && attemptLine(output, queueId, "bounced") != null);
        }

        JsonNode sent = attemptLine(output, queueId, "sent");
        assertThat(sent.path("queueId").asString()).isEqualTo(queueId);
        assertThat(sent.path("to").asString()).isEqualTo("bob@" + domain);
        assertThat(sent.path("relay").asString()).isEqualTo("mx." + domain + "[127.0.0.251]");
        assertThat(sent.path("dsn").asString()).isEqualTo("2.0.0");
        assertThat(sent.path("attempt").asInt()).isEqualTo(1);
        assertThat(sent.path("delay").isNumber()).as("delay in seconds, a number").isTrue();
        assertThat(sent.path("reply").asString()).startsWith("250");
        assertThat(sent.path("message").asString())
                .startsWith(queueId + ": to=<bob@" + domain + ">, relay=mx." + domain + "[127.0.0.251], delay=")
                .contains(", dsn=2.0.0, status=sent (250");

        JsonNode bounced = attemptLine(output, queueId, "bounced");
        assertThat(bounced.path("queueId").asString()).isEqualTo(queueId);
        assertThat(bounced.path("to").asString()).isEqualTo("nobody@" + domain);
        assertThat(bounced.path("dsn").asString()).isEqualTo("5.1.1");
        assertThat(bounced.path("dsnQueueId").asString()).isNotBlank().isNotEqualTo(queueId);
        assertThat(bounced.path("log").path("level").asString()).isEqualTo("INFO");
    }

    /** The JSON line of {@code queueId}'s attempt with that status, or null. Every line must be JSON. */
    private static JsonNode attemptLine(CapturedOutput output, String queueId, String status) {
        for (String line : output.getOut().split("\\R")) {
            if (line.isBlank() || !line.contains(queueId)) {
                continue;
            }
            JsonNode node = JSON.readTree(line); // a line that is not JSON fails the test
            if (status.equals(node.path("status").asString()) && queueId.equals(node.path("queueId").asString())) {
                return node;
            }
        }
        return null;
    }
}
