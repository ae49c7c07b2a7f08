package dev.yubin.mta.smtp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/policy/check} over real HTTP, answering what the test scripts per request
 * (by default: ACCEPT at every stage but RCPT, which it refuses with 550 5.1.1), and keeping
 * every request it was asked, so that tests see what the MTA asks at each stage and how it acts
 * on each kind of answer. The real engine is tested in policy-service and end to end.
 */
final class ScriptedPolicy implements AutoCloseable {

    /** An HTTP answer: a status and, for 200, a decision in JSON. */
    record Reply(int status, String json) {}

    static final Function<JsonNode, Reply> DEFAULT = request -> request.path("stage").asString().equals("RCPT")
            ? decision("REJECT", 550, "5.1.1", "Recipient address rejected: user unknown")
            : decision("ACCEPT", 250, "2.0.0", "Ok");

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private volatile Function<JsonNode, Reply> script = DEFAULT;

    private ScriptedPolicy(HttpServer server) {
        this.server = server;
    }

    static ScriptedPolicy start() {
        JsonMapper json = JsonMapper.builder().build();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ScriptedPolicy policy = new ScriptedPolicy(server);
            server.createContext("/api/v1/policy/check", exchange -> {
                JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
                policy.requests.add(request);
                Reply reply = policy.script.apply(request);
                if (reply.status() != 200) {
                    exchange.sendResponseHeaders(reply.status(), -1);
                } else {
                    byte[] body = reply.json().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                exchange.close();
            });
            server.start();
            return policy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Reply decision(String action, int code, String enhanced, String message) {
        return new Reply(200, "{\"action\":\"" + action + "\",\"smtpCode\":" + code + ",\"enhancedCode\":\"" + enhanced
                + "\",\"message\":\"" + message + "\",\"checks\":[{\"name\":\"test\",\"result\":\"" + action
                + "\",\"detail\":\"scripted\"}]}");
    }

    /** Answers with {@code script} from now on. */
    void script(Function<JsonNode, Reply> script) {
        this.script = script;
    }

    void reset() {
        script = DEFAULT;
        requests.clear();
    }

    /** The requests of one stage, in order. */
    List<JsonNode> asked(String stage) {
        return requests.stream().filter(r -> r.path("stage").asString().equals(stage)).toList();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
