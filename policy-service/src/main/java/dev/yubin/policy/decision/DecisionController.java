package dev.yubin.policy.decision;

import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/decisions}: the decision log, newest first (admin token). */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {

    private final DecisionLog decisionLog;

    DecisionController(DecisionLog decisionLog) {
        this.decisionLog = decisionLog;
    }

    /** @param limit at most this many entries (default 100); anything above 1000 is cut to 1000 */
    @GetMapping
    List<DecisionView> search(@RequestParam(required = false) String clientAddress,
                              @RequestParam(required = false) String sender,
                              @RequestParam(required = false) String recipient,
                              @RequestParam(required = false) Instant since,
                              @RequestParam(defaultValue = "" + DecisionLog.DEFAULT_LIMIT) @Min(1) int limit) {
        // Read-your-writes on this replica: the log is written in the background.
        decisionLog.awaitWritten();
        return decisionLog.search(new DecisionLog.Query(clientAddress, sender, recipient, since, limit));
    }
}
