package dev.yubin.policy.decision;

import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.policy.web.InvalidInputException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/policy/check}: the question of a listener, with the internal or admin token. */
@RestController
@RequestMapping("/api/v1/policy")
class PolicyController {

    private final PolicyEngine engine;

    PolicyController(PolicyEngine engine) {
        this.engine = engine;
    }

    @PostMapping("/check")
    PolicyDecision check(@RequestBody PolicyRequest request) {
        if (request.stage() == null) {
            throw new InvalidInputException("stage is required (CONNECT, HELO, MAIL, RCPT or DATA)");
        }
        return engine.decide(request);
    }
}
