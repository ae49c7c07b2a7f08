package dev.yubin.devstack.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a service jar (JDK only), so the launcher's process handling can be tested
 * without the real services: it opens the HTTP port (readiness, its arguments, a tiny
 * domains API) and, on each of {@code --yubin.mta.smtp-port}, {@code --yubin.msa.submission-port} and
 * {@code --yubin.msa.submissions-port} it is given, a plain-text SMTP greeting.
 */
public final class FakeService {

    private static final List<String> SMTP_PORTS =
            List.of("yubin.mta.smtp-port", "yubin.msa.submission-port", "yubin.msa.submissions-port");

    public static void main(String[] args) throws IOException {
        Map<String, String> props = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                props.put(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        String adminToken = props.get("yubin.security.admin-token");
        HttpServer http = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(props.get("server.port"))), 50);
        http.createContext("/actuator/health/readiness", ex -> respond(ex, 200, "{\"status\":\"UP\"}"));
        http.createContext("/args", ex -> respond(ex, 200, String.join("\n", args)));
        http.createContext("/api/v1/domains", ex -> {
            if (!("Bearer " + adminToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                respond(ex, 401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"bad admin token\"}");
            } else if (ex.getRequestMethod().equals("POST")) {
                respond(ex, 201, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                respond(ex, 200, "[{\"name\":\"example.test\"}]");
            }
        });
        http.start();
        for (String property : SMTP_PORTS) {
            String port = props.get(property);
            if (port != null) {
                ServerSocket smtp = new ServerSocket(Integer.parseInt(port), 50, InetAddress.getLoopbackAddress());
                new Thread(() -> greet(smtp), property).start();
            }
        }
    }

    private static void greet(ServerSocket smtp) {
        while (true) {
            try (Socket client = smtp.accept()) {
                client.getOutputStream().write("220 fake ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
