package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.devstack.launcher.RunningPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The REST APIs of a running platform, spoken over real HTTP. */
final class Api {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final RunningPlatform platform;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(RunningPlatform platform) {
        this.platform = platform;
    }

    HttpResponse<String> policy(String method, String path, String body) {
        return send("policy-service", method, path, body, "Bearer " + platform.adminToken());
    }

    HttpResponse<String> mdaAsAdmin(String method, String path) {
        return send("mda-service", method, path, null, "Bearer " + platform.adminToken());
    }

    HttpResponse<String> mdaAs(String user, String password, String method, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send("mda-service", method, path, null, "Basic " + basic);
    }

    HttpResponse<byte[]> rawAs(String user, String password, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            return http.send(request("mda-service", "GET", path, null, "Basic " + basic), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(String service, String method, String path, String body, String authorization) {
        try {
            return http.send(request(service, method, path, body, authorization), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Creates the domain, accounts and aliases a test needs; tolerates what exists already. */
    void directory(String domain, String... accounts) {
        policy("POST", "/api/v1/domains", "{\"name\":\"" + domain + "\"}");
        for (String account : accounts) {
            policy("POST", "/api/v1/accounts", "{\"address\":\"" + account + "\",\"password\":\"" + password(account) + "\"}");
        }
    }

    void alias(String address, String... targets) {
        String list = String.join("\",\"", targets);
        policy("POST", "/api/v1/aliases", "{\"address\":\"" + address + "\",\"targets\":[\"" + list + "\"]}");
    }

    static String password(String account) {
        return "secret-" + account;
    }

    /** Waits (at most 60 s) until the message of {@code queueId} is in the mailbox's INBOX; returns its metadata. */
    JsonNode awaitMessage(String mailbox, String queueId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<JsonNode> found = messagesWithQueueId(mailbox, queueId);
            return found.isEmpty() ? null : found.get(0);
        }, node -> node != null);
    }

    /** The INBOX entries of {@code queueId}, read as the mailbox's owner. */
    List<JsonNode> messagesWithQueueId(String mailbox, String queueId) {
        HttpResponse<String> response = mdaAs(mailbox, password(mailbox), "GET",
                "/api/v1/mailboxes/" + mailbox + "/messages?folder=INBOX");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).valueStream()
                .filter(node -> queueId.equals(node.path("queueId").asString()))
                .toList();
    }

    /** The stored RFC 5322 bytes of a message, read as the mailbox's owner. */
    byte[] raw(String mailbox, JsonNode message) {
        HttpResponse<byte[]> response = rawAs(mailbox, password(mailbox),
                "/api/v1/mailboxes/" + mailbox + "/messages/" + message.get("id").asString() + "/raw");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpRequest request(String service, String method, String path, String body, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + platform.httpPort(service) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
