package dev.yubin.policy.decision;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.net.Cidr;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Runs the checks of a stage that apply to the request, records every verdict, and answers with
 * the first decisive one. Reputation checks are skipped for clients in a {@link TrustedNetworks}.
 * When no check decides, the stage's plain 250 applies. Every decision goes to the {@link DecisionLog}.
 */
@Service
public class PolicyEngine {

    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);
    /** The trail entry that says which reputation checks a trusted client skipped. */
    static final String TRUSTED_NETWORK = "trusted-network";

    private final Map<Stage, List<Check>> checksByStage = new EnumMap<>(Stage.class);
    private final DecisionRecorder decisionLog;
    private final TrustedNetworks.Matcher trustedNetworks;

    PolicyEngine(List<Check> checks, DecisionRecorder decisionLog) {
        this(checks, decisionLog, TrustedNetworks.NONE);
    }

    /** @param checks every check bean, already sorted by {@code @Order} */
    @Autowired
    PolicyEngine(List<Check> checks, DecisionRecorder decisionLog, TrustedNetworks trustedNetworks) {
        for (Check check : checks) {
            checksByStage.computeIfAbsent(check.stage(), stage -> new ArrayList<>()).add(check);
        }
        this.decisionLog = decisionLog;
        this.trustedNetworks = trustedNetworks.matcher();
    }

    /** Decides one question of a listener (REST or the Postfix protocol) and logs the decision. */
    public PolicyDecision decide(PolicyRequest request) {
        List<PolicyCheck> trail = new ArrayList<>();
        Verdict decisive = null;
        Optional<Cidr> trusted = trustedNetworks.networkOf(request.clientAddress());
        List<String> skipped = new ArrayList<>();
        for (Check check : checksByStage.getOrDefault(request.stage(), List.of())) {
            if (!check.appliesTo(request)) {
                continue;
            }
            if (trusted.isPresent() && check.judgesReputation()) {
                if (check.yieldsAuthenticationResult()) {
                    // recorded for the later stages, never enforced
                    Verdict verdict = evaluate(check, request);
                    trail.add(new PolicyCheck(check.name(), Action.DUNNO.name(), verdict.reason()
                            + " [not enforced: trusted network " + trusted.get() + "]"));
                } else {
                    skipped.add(check.name());
                }
                continue;
            }
            Verdict verdict = evaluate(check, request);
            trail.add(new PolicyCheck(check.name(), verdict.action().name(), verdict.reason()));
            if (verdict.isDecisive()) {
                decisive = verdict;
                break;
            }
        }
        if (!skipped.isEmpty()) {
            // first in the trail: the log says why the usual checks are missing
            trail.add(0, new PolicyCheck(TRUSTED_NETWORK, Action.DUNNO.name(), "client " + request.clientAddress()
                    + " is in trusted network " + trusted.get() + ": skipped " + String.join(", ", skipped)));
        }
        if (decisive == null) {
            decisive = Verdict.accept(defaultReply(request.stage()), "no check objected", List.of());
        }
        SmtpReply reply = decisive.reply();
        PolicyDecision decision = new PolicyDecision(decisive.action(), reply.code(), reply.enhanced(), reply.text(),
                trail, decisive.recipients(), decisive.folder());
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
