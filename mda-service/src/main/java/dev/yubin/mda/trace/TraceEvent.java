package dev.yubin.mda.trace;

import java.time.Instant;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The fields of an event on {@code yubin.mail.events} that the trace indexes; the whole event
 * is kept as it came. Readers ignore fields they do not know (CONTRACT §4).
 *
 * @param destination the recipient domain, on relay events only
 * @param receivedAt  when the message was accepted, on relay events only
 */
record TraceEvent(String queueId, String type, String recipient, String destination, String reply,
                  Instant time, Instant receivedAt, JsonNode json) {

    /** Steps after which a relayed recipient is still waiting for a final answer. */
    private static final Set<String> IN_FLIGHT = Set.of("queued", "attempt", "deferred", "delayed");

    /**
     * @throws IllegalArgumentException when the event lacks a queue id, a type or a time
     */
    static TraceEvent of(JsonNode json) {
        String queueId = text(json, "queueId");
        String type = text(json, "type");
        String time = text(json, "time");
        if (queueId == null || type == null || time == null) {
            throw new IllegalArgumentException("an event needs queueId, type and time");
        }
        String receivedAt = text(json, "receivedAt");
        return new TraceEvent(queueId, type, text(json, "recipient"), text(json, "destination"),
                text(json, "reply"), Instant.parse(time), receivedAt == null ? null : Instant.parse(receivedAt), json);
    }

    /** A relay event about one recipient of one destination: it moves the queue view. */
    boolean isRelayStep() {
        return recipient != null && destination != null && receivedAt != null;
    }

    boolean inFlight() {
        return IN_FLIGHT.contains(type);
    }

    /** A deferral's reply is what the queue view shows as the destination's last error. */
    boolean isError() {
        return "deferred".equals(type) || "bounced".equals(type);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asString();
    }
}
