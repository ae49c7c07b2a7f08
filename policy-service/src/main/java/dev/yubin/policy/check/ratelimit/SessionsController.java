package dev.yubin.policy.check.ratelimit;

import dev.yubin.policy.web.InvalidInputException;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/policy/sessions/ended} with {@code {"sessionIds":[...]}}, internal token:
 * the MTA closed these sessions, they no longer count towards their client's concurrent sessions.
 * Unknown ids are ignored (the session was never counted, or has expired).
 */
@RestController
@RequestMapping("/api/v1/policy/sessions")
class SessionsController {

    /** Ids one request may carry at most (the MTA sends at most 500). */
    static final int MAX_IDS = 1000;

    private final ClientSessions sessions;

    SessionsController(ClientSessions sessions) {
        this.sessions = sessions;
    }

    record SessionsEnded(List<String> sessionIds) {}

    @PostMapping("/ended")
    ResponseEntity<Void> ended(@RequestBody SessionsEnded request) {
        List<String> ids = request.sessionIds() == null ? List.of() : request.sessionIds();
        if (ids.size() > MAX_IDS) {
            throw new InvalidInputException("at most " + MAX_IDS + " sessionIds per request");
        }
        sessions.ended(ids.stream().filter(id -> id != null && !id.isBlank()).toList());
        return ResponseEntity.noContent().build();
    }
}
