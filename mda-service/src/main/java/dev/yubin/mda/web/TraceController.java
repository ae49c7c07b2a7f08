package dev.yubin.mda.web;

import dev.yubin.core.envelope.QueueId;
import dev.yubin.mda.trace.QueueEntry;
import dev.yubin.mda.trace.TraceService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** CONTRACT §6: the message trace and the queue view, for the admin token only. */
@RestController
class TraceController {

    /** @param events every event of the message, oldest first, as its producer wrote it */
    record Trace(String queueId, List<JsonNode> events) {}

    private final TraceService trace;

    TraceController(TraceService trace) {
        this.trace = trace;
    }

    /** 404 when nothing is known of the queue id (yet: events arrive asynchronously). */
    @GetMapping("/api/v1/trace/{queueId}")
    Trace trace(@PathVariable String queueId, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        requireAdmin(caller);
        if (!QueueId.isValid(queueId)) {
            throw Problems.problem(HttpStatus.BAD_REQUEST, "Not a queue id: " + queueId);
        }
        List<JsonNode> events = trace.events(queueId);
        if (events.isEmpty()) {
            throw Problems.problem(HttpStatus.NOT_FOUND, "No event for queue id " + queueId);
        }
        return new Trace(queueId, events);
    }

    /** Mail in flight by destination: how much, since when, and the last error. */
    @GetMapping("/api/v1/queue")
    List<QueueEntry> queue(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        requireAdmin(caller);
        return trace.queue();
    }

    private static void requireAdmin(Caller caller) {
        if (!(caller instanceof Caller.Admin)) {
            throw Problems.problem(HttpStatus.FORBIDDEN, "The trace and the queue are for the admin token only");
        }
    }
}
