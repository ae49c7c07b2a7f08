package dev.yubin.mda.web;

import static dev.yubin.mda.TestMessages.envelope;
import static dev.yubin.mda.TestMessages.message;
import static dev.yubin.mda.TestMessages.newMailbox;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.mda.MdaIntegrationTest;
import dev.yubin.mda.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CONTRACT §6, mda-service: the mailbox REST API over a real socket. */
class MailboxApiIT extends MdaIntegrationTest {

    @Test
    void listsNewestFirstShowsMetadataServesRawAndDeletes() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope older = envelope("<alice@example.org>", bob);
        Envelope newer = envelope("<>", bob);
        byte[] newerBytes = message("=?ISO-8859-1?Q?caf=E9?= au lait");
        deliver(older, message("first"));
        deliver(newer, newerBytes);

        JsonNode listing = list(bob);
        assertThat(listing.size()).isEqualTo(2);
        JsonNode first = listing.get(0);
        assertThat(first.get("queueId").asString()).isEqualTo(newer.queueId().value());
        assertThat(listing.get(1).get("queueId").asString()).isEqualTo(older.queueId().value());
        assertThat(first.get("from").asString()).isEqualTo("Alice Example <alice@example.org>");
        assertThat(first.get("subject").asString()).isEqualTo("café au lait");
        assertThat(first.get("date").asString()).isEqualTo("Tue, 3 Mar 2026 10:15:00 +0100");
        assertThat(first.get("folder").asString()).isEqualTo("INBOX");
        assertThat(first.get("flags").isArray()).isTrue();
        assertThat(first.get("flags").size()).isZero();
        assertThat(first.get("receivedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        long id = first.get("id").asLong();

        HttpResponse<byte[]> metadata = asAdmin("GET", messagesOf(bob) + "/" + id);
        assertThat(metadata.statusCode()).isEqualTo(200);
        JsonNode details = jsonOf(metadata);
        assertThat(details.get("returnPath").asString()).isEqualTo("<>");
        assertThat(details.get("deliveredTo").asString()).isEqualTo(bob.toString());
        assertThat(details.get("messageId").asString()).startsWith("<").endsWith("@example.org>");
        assertThat(details.get("size").asLong()).isEqualTo(first.get("size").asLong());

        HttpResponse<byte[]> raw = asAdmin("GET", messagesOf(bob) + "/" + id + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("message/rfc822"));
        assertThat(new String(raw.body(), StandardCharsets.UTF_8))
                .isEqualTo("Return-Path: <>\r\nDelivered-To: " + bob + "\r\n"
                        + new String(newerBytes, StandardCharsets.UTF_8));
        assertThat((long) raw.body().length).isEqualTo(first.get("size").asLong());

        assertThat(asAdmin("DELETE", messagesOf(bob) + "/" + id).statusCode()).isEqualTo(204);
        assertThat(asAdmin("GET", messagesOf(bob) + "/" + id).statusCode()).isEqualTo(404);
        assertThat(asAdmin("DELETE", messagesOf(bob) + "/" + id).statusCode()).isEqualTo(404);
        assertThat(list(bob).size()).isEqualTo(1);
        assertThat(bodyRows(newer)).isZero();
        assertThat(bodyRows(older)).isEqualTo(1);
    }

    @Test
    void bodyStaysUntilItsLastCopyIsDeleted() throws Exception {
        MailAddress bob = newMailbox("bob");
        MailAddress dave = newMailbox("dave");
        Envelope envelope = envelope("<alice@example.org>", bob, dave);
        deliver(envelope, message("shared"));
        long bobsId = list(bob).get(0).get("id").asLong();
        long davesId = list(dave).get(0).get("id").asLong();

        assertThat(asAdmin("DELETE", messagesOf(bob) + "/" + bobsId).statusCode()).isEqualTo(204);
        assertThat(bodyRows(envelope)).isEqualTo(1);
        assertThat(asAdmin("GET", messagesOf(dave) + "/" + davesId + "/raw").statusCode()).isEqualTo(200);

        assertThat(asAdmin("DELETE", messagesOf(dave) + "/" + davesId).statusCode()).isEqualTo(204);
        assertThat(bodyRows(envelope)).isZero();
    }

    @Test
    void replayAfterDeleteDoesNotResurrectTheMessage() throws Exception {
        MailAddress bob = newMailbox("bob");
        Envelope envelope = envelope("<alice@example.org>", bob);
        byte[] bytes = message("deleted for good");
        deliver(envelope, bytes);
        long id = list(bob).get(0).get("id").asLong();
        assertThat(asAdmin("DELETE", messagesOf(bob) + "/" + id).statusCode()).isEqualTo(204);

        deliver(envelope, bytes);

        assertThat(list(bob).size()).isZero();
        assertThat(bodyRows(envelope)).isZero();
    }

    @Test
    void unknownIdOrAnotherMailboxesIdIs404ProblemDetail() throws Exception {
        MailAddress bob = newMailbox("bob");
        MailAddress eve = newMailbox("eve");
        deliver(envelope("<alice@example.org>", bob), message("for bob"));
        long bobsId = list(bob).get(0).get("id").asLong();

        for (String path : new String[] {messagesOf(bob) + "/999999999", messagesOf(eve) + "/" + bobsId,
                messagesOf(eve) + "/" + bobsId + "/raw"}) {
            HttpResponse<byte[]> response = asAdmin("GET", path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertProblem(response, 404);
        }
        assertThat(asAdmin("DELETE", messagesOf(eve) + "/" + bobsId).statusCode()).isEqualTo(404);
        assertThat(list(bob).size()).isEqualTo(1);
    }

    @Test
    void badAddressOrIdIs400() throws Exception {
        HttpResponse<byte[]> badAddress = asAdmin("GET", "/api/v1/mailboxes/not-an-address/messages");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertProblem(badAddress, 400);
        assertThat(asAdmin("GET", "/api/v1/mailboxes/a@b..example/messages").statusCode()).isEqualTo(400);
        assertThat(asAdmin("GET", messagesOf(newMailbox("bob")) + "/abc").statusCode()).isEqualTo(400);
    }

    @Test
    void withoutValidCredentialsIs401WithBasicChallenge() throws Exception {
        String path = messagesOf(newMailbox("bob"));
        for (String authorization : new String[] {null, "Bearer wrong-token", "Basic !!!", "Negotiate abc"}) {
            HttpResponse<byte[]> response = request("GET", path, authorization);
            assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"yubin\"");
            assertProblem(response, 401);
        }
        assertThat(request("DELETE", path + "/1", null).statusCode()).isEqualTo(401);
    }

    @Test
    void passwordCheckWithThePolicyServiceDownIs503() throws Exception {
        MailAddress bob = newMailbox("bob");
        String basic = Base64.getEncoder().encodeToString((bob + ":secret").getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> response = request("GET", messagesOf(bob), "Basic " + basic);

        assertThat(response.statusCode()).isEqualTo(503);
        assertProblem(response, 503);
    }

    @Test
    void otherFolderIsEmpty() throws Exception {
        MailAddress bob = newMailbox("bob");
        deliver(envelope("<alice@example.org>", bob), message("in the inbox"));

        HttpResponse<byte[]> response = asAdmin("GET", messagesOf(bob) + "?folder=Archive");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jsonOf(response).size()).isZero();
    }

    @Test
    void healthMetricsAndApiDocsNeedNoCredentials() throws Exception {
        deliver(envelope("<alice@example.org>", newMailbox("bob")), message("counted"));

        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness", "/actuator/info", "/v3/api-docs"}) {
            assertThat(request("GET", path, null).statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<byte[]> prometheus = request("GET", "/actuator/prometheus", null);
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(new String(prometheus.body(), StandardCharsets.UTF_8))
                .contains("yubin_mda_delivered_total")
                .contains("yubin_mda_store_seconds_count");
    }

    private void assertProblem(HttpResponse<byte[]> response, int status) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(jsonOf(response).get("status").asInt()).isEqualTo(status);
    }

    private static long bodyRows(Envelope envelope) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from message_body where queue_id = ?")) {
            query.setString(1, envelope.queueId().value());
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
