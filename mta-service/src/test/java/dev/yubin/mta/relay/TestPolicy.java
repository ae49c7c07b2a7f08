package dev.yubin.mta.relay;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy service's {@code POST /api/v1/policy/check} as far as the relay asks it (RCPT of a
 * DSN): a recipient in the local domain is a local mailbox, any other address is refused with
 * 554 5.7.1 like the real RelayCheck does for an unauthenticated client.
 */
final class TestPolicy implements AutoCloseable {

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
            server.start();
            return new TestPolicy(server);
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
