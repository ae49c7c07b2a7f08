package dev.yubin.policy.decision;

import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs the checks of a stage that apply to the request, records every verdict, and answers with
 * the first decisive one.
 * When no check decides, the stage's plain 250 applies. Every decision goes to the {@link DecisionLog}.
 */
@Service
public class PolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);

    private final Map<Stage, List<Check>> checksByStage = new EnumMap<>(Stage.class);
    private final DecisionRecorder decisionLog;

    /** @param checks every check bean, already sorted by {@code @Order} */
    PolicyEngine(List<Check> checks, DecisionRecorder decisionLog) {
        for (Check check : checks) {
            checksByStage.computeIfAbsent(check.stage(), stage -> new ArrayList<>()).add(check);
        }
        this.decisionLog = decisionLog;
    }

    /** Decides one question of a listener (REST or the Postfix protocol) and logs the decision. */
    public PolicyDecision decide(PolicyRequest request) {
        List<PolicyCheck> trail = new ArrayList<>();
        Verdict decisive = null;
        for (Check check : checksByStage.getOrDefault(request.stage(), List.of())) {
            if (!check.appliesTo(request)) {
                continue;
            }
            Verdict verdict = evaluate(check, request);
            trail.add(new PolicyCheck(check.name(), verdict.action().name(), verdict.reason()));
            if (verdict.isDecisive()) {
                decisive = verdict;
                break;
            }
        }
        if (decisive == null) {
            decisive = Verdict.accept(defaultReply(request.stage()), "no check objected", List.of());
        }
        SmtpReply reply = decisive.reply();
        PolicyDecision decision = new PolicyDecision(decisive.action(), reply.code(), reply.enhanced(), reply.text(),
                trail, decisive.recipients());
        decisionLog.record(request, decision);
        return decision;
    }

    /** A failing check (database down...) is our fault: tell the client to come back later. */
    private static Verdict evaluate(Check check, PolicyRequest request) {
        try {
            return check.evaluate(request);
        } catch (RuntimeException e) {
            log.error("policy check {} failed for {}", check.name(), request.queueId(), e);
            return Verdict.tempfail(SmtpReply.SYSTEM_UNAVAILABLE, check.name() + " failed: " + e);
        }
    }

    private static SmtpReply defaultReply(Stage stage) {
        return switch (stage) {
            case MAIL -> SmtpReply.SENDER_OK;
            case RCPT -> SmtpReply.RECIPIENT_OK;
            default -> SmtpReply.OK;
        };
    }
}
