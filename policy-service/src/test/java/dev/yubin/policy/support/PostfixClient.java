package dev.yubin.policy.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Talks the Postfix policy delegation protocol over a real socket, as Postfix's smtpd does. */
public final class PostfixClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private PostfixClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    public static PostfixClient connect(int port) {
        try {
            return new PostfixClient(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The attributes Postfix sends at RCPT for a plain inbound message, to be changed per test. */
    public static Map<String, String> rcpt(String client, String helo, String sender, String recipient) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("request", "smtpd_access_policy");
        request.put("protocol_state", "RCPT");
        request.put("protocol_name", "ESMTP");
        request.put("client_address", client);
        request.put("client_name", "unknown");
        request.put("reverse_client_name", "unknown");
        request.put("helo_name", helo);
        request.put("sender", sender);
        request.put("recipient", recipient);
        request.put("recipient_count", "0");
        request.put("queue_id", "");
        request.put("instance", Long.toHexString(System.nanoTime()));
        request.put("size", "0");
        request.put("sasl_method", "");
        request.put("sasl_username", "");
        request.put("ccert_subject", "");
        request.put("policy_context", "");
        request.put("server_address", "127.0.0.1");
        request.put("server_port", "25");
        return request;
    }

    /** Sends one request and returns the value of the {@code action=} line of the answer. */
    public String ask(Map<String, String> attributes) {
        StringBuilder request = new StringBuilder();
        attributes.forEach((name, value) -> request.append(name).append('=').append(value).append('\n'));
        send(request.append('\n').toString());
        return readAnswer();
    }

    /** Sends bytes as they are. */
    public void send(String raw) {
        try {
            out.write(raw.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closed the connection (the next read sees the end of the stream). */
    public boolean isClosedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;   // reset by the peer
        }
    }

    private String readAnswer() {
        try {
            String action = in.readLine();
            String empty = in.readLine();
            if (action == null || !action.startsWith("action=") || empty == null || !empty.isEmpty()) {
                throw new IllegalStateException("not an answer: " + action + " / " + empty);
            }
            return action.substring("action=".length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
