package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Port 25 → Kafka → PostgreSQL mailbox, over real sockets, with every service its own process. */
@ExtendWith(PlatformExtension.class)
class InboundDeliveryIT {

    private static final String DOMAIN = "inbound.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;

    private RunningPlatform platform;
    private Api api;

    @BeforeEach
    void directory(PlatformExtension.Stack stack) {
        platform = stack.platform();
        api = new Api(platform);
        api.directory(DOMAIN, ALICE, BOB);
        api.alias("team@" + DOMAIN, ALICE, BOB, "carol@remote.example");
    }

    @Test
    void aMessageToALocalUserLandsInTheMailboxWithOurTraceHeadersAndItsBytesIntact() throws Exception {
        String body = Smtp.message("hello " + UUID.randomUUID(), ALICE);

        String queueId = Smtp.send(platform.smtpPort(), "someone@remote.example", body, ALICE);

        JsonNode message = api.awaitMessage(ALICE, queueId);
        assertThat(message.get("subject").asString()).startsWith("hello ");
        byte[] raw = api.raw(ALICE, message);
        String stored = new String(raw, StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Return-Path: <someone@remote.example>\r\n");
        assertThat(stored).contains("Delivered-To: " + ALICE + "\r\n");
        assertThat(stored).containsPattern("Received: from client\\.remote\\.example[\\s\\S]*id " + queueId);
        String unstuffed = body.replace("\r\n..a line", "\r\n.a line");
        assertThat(stored).endsWith(unstuffed);
        assertThat(message.get("size").asLong()).isEqualTo(raw.length);
    }

    @Test
    void aRecipientReachedDirectlyAndThroughAnAliasGetsOneCopyAndRemoteTargetsGoOutbound() throws Exception {
        String subject = "team " + UUID.randomUUID();

        String queueId = Smtp.send(platform.smtpPort(), "someone@remote.example", Smtp.message(subject, "team@" + DOMAIN),
                "team@" + DOMAIN, ALICE);

        api.awaitMessage(ALICE, queueId);
        api.awaitMessage(BOB, queueId);
        assertThat(api.messagesWithQueueId(ALICE, queueId)).hasSize(1);
        assertThat(api.messagesWithQueueId(BOB, queueId)).hasSize(1);
        ConsumerRecord<String, byte[]> outbound = OutboundTopic.awaitRecord(platform, queueId);
        assertThat(outbound.key()).isEqualTo("remote.example");
        assertThat(KafkaRecords.toEnvelope(outbound.headers()).recipients())
                .extracting(recipient -> recipient.address().toString())
                .containsExactly("carol@remote.example");
    }

    @Test
    void anUnknownLocalUserIsRefusedWith550AndARelayAttemptWith554AndBothAreInTheDecisionLog() throws Exception {
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<spammer@remote.example>").expect("250")
                    .send("RCPT TO:<nobody@" + DOMAIN + ">").expect("550 5.1.1")
                    .send("RCPT TO:<victim@elsewhere.example>").expect("554 5.7.1")
                    .send("QUIT").expect("221");
        }

        HttpResponse<String> decisions = api.policy("GET", "/api/v1/decisions?clientAddress=127.0.0.1&limit=1000", null);
        assertThat(decisions.statusCode()).isEqualTo(200);
        assertThat(decisions.body()).contains("nobody@" + DOMAIN).contains("victim@elsewhere.example");
    }

    @Test
    void theOwnerReadsTheirMailboxOthersAreRefusedAndTheAdminReadsAny() throws Exception {
        String queueId = Smtp.send(platform.smtpPort(), "someone@remote.example", Smtp.message("private", ALICE), ALICE);
        api.awaitMessage(ALICE, queueId);
        String path = "/api/v1/mailboxes/" + ALICE + "/messages";

        assertThat(api.mdaAs(ALICE, "wrong password", "GET", path).statusCode()).isEqualTo(401);
        assertThat(api.mdaAs(BOB, Api.password(BOB), "GET", path).statusCode()).isEqualTo(403);
        assertThat(api.mdaAsAdmin("GET", path).statusCode()).isEqualTo(200);
        assertThat(api.send("mda-service", "GET", path, null, "Bearer not-the-token").statusCode()).isEqualTo(401);
    }

    @Test
    void aMessageCanBeDeleted() throws Exception {
        String queueId = Smtp.send(platform.smtpPort(), "someone@remote.example", Smtp.message("delete me", BOB), BOB);
        JsonNode message = api.awaitMessage(BOB, queueId);
        String path = "/api/v1/mailboxes/" + BOB + "/messages/" + message.get("id").asString();

        assertThat(api.mdaAs(BOB, Api.password(BOB), "DELETE", path).statusCode()).isEqualTo(204);
        assertThat(api.mdaAs(BOB, Api.password(BOB), "GET", path).statusCode()).isEqualTo(404);
    }
}
