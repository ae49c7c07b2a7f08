package dev.yubin.policy.support;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Questions to {@code POST /api/v1/policy/check} as the MTA asks them, and the log's answers. */
public final class Decisions {

    private final Api mta;
    private final Api admin;

    public Decisions(int port) {
        this.admin = Api.onPort(port);
        this.mta = admin.withToken(Api.INTERNAL_TOKEN);
    }

    public JsonNode connect(String client) {
        return ask(Map.of("stage", "CONNECT", "clientAddress", client));
    }

    public JsonNode helo(String client, String helo) {
        return ask(Map.of("stage", "HELO", "clientAddress", client, "helo", helo));
    }

    public JsonNode mail(String client, String helo, String sender) {
        return ask(Map.of("stage", "MAIL", "clientAddress", client, "helo", helo, "sender", sender));
    }

    public JsonNode rcpt(String client, String sender, String recipient) {
        return ask(Map.of("stage", "RCPT", "clientAddress", client, "helo", "mx.sender.example", "sender", sender,
                "recipient", recipient));
    }

    public JsonNode ask(Map<String, Object> fields) {
        Map<String, Object> request = new HashMap<>(fields);
        request.putIfAbsent("queueId", "Q" + Long.toHexString(System.nanoTime()).toUpperCase());
        Api.Response response = mta.post("/api/v1/policy/check", request);
        if (response.status() != 200) {
            throw new AssertionError("policy check failed: " + response);
        }
        return response.json();
    }

    /** The decision log for one client, newest first. */
    public JsonNode log(String client) {
        return admin.get("/api/v1/decisions?clientAddress=" + client).json();
    }

    /** The reply line of a decision: {@code 554 5.7.1 Access denied}. */
    public static String reply(JsonNode decision) {
        return decision.get("smtpCode").asInt() + " " + decision.get("enhancedCode").asString() + " "
                + decision.get("message").asString();
    }

    /** The detail one check left in a decision. */
    public static String detail(JsonNode decision, String check) {
        for (JsonNode entry : decision.get("checks")) {
            if (entry.get("name").asString().equals(check)) {
                return entry.get("detail").asString();
            }
        }
        throw new AssertionError("no check " + check + " in " + decision);
    }
}
