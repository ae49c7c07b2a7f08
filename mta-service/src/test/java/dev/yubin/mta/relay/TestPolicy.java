package dev.yubin.mta.relay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy service's {@code POST /api/v1/policy/check} as far as the relay asks it (RCPT of a
 * DSN): a recipient in the local domain is a local mailbox, any other address is refused with
 * 554 5.7.1 like the real RelayCheck does for an unauthenticated client. It also takes
 * {@code POST /api/v1/suppressions} (201) and keeps each request in {@link #suppressions}.
 */
final class TestPolicy implements AutoCloseable {

    /** One suppression request as it arrived. */
    record SuppressionRequest(String method, String authorization, JsonNode body) {
        String address() {
            return body.get("address").asString();
        }
    }

    final List<SuppressionRequest> suppressions = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private TestPolicy(HttpServer server) {
        this.server = server;
    }

    static TestPolicy start(String localDomain) {
        JsonMapper json = JsonMapper.builder().build();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/policy/check", exchange -> {
                JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
                String recipient = request.get("recipient").asString();
                String answer = recipient.endsWith("@" + localDomain)
                        ? "{\"action\":\"ACCEPT\",\"smtpCode\":250,\"enhancedCode\":\"2.1.5\",\"message\":\"Ok\","
                                + "\"recipients\":[{\"address\":\"" + recipient + "\",\"local\":true}]}"
                        : "{\"action\":\"REJECT\",\"smtpCode\":554,\"enhancedCode\":\"5.7.1\",\"message\":\"Relay access denied\"}";
                byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            TestPolicy policy = new TestPolicy(server);
            server.createContext("/api/v1/suppressions", exchange -> {
                policy.suppressions.add(new SuppressionRequest(exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        json.readTree(exchange.getRequestBody().readAllBytes())));
                exchange.sendResponseHeaders(201, -1);
                exchange.close();
            });
            server.start();
            return policy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
