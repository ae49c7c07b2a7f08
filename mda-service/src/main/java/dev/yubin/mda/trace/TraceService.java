package dev.yubin.mda.trace;

import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading the trace: what the REST API serves. */
@Service
public class TraceService {

    private final TraceStore store;
    private final JsonMapper json = JsonMapper.builder().build();

    TraceService(TraceStore store) {
        this.store = store;
    }

    /** Every event of one message, oldest first, each as its producer wrote it. */
    public List<JsonNode> events(String queueId) {
        return store.events(queueId).stream().map(json::readTree).toList();
    }

    public List<QueueEntry> queue() {
        return store.queue();
    }
}
