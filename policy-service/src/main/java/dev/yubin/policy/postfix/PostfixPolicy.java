package dev.yubin.policy.postfix;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.decision.PolicyEngine;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers one Postfix policy request (SMTPD_POLICY_README) with the same engine as
 * {@code POST /api/v1/policy/check}.
 *
 * <p>Postfix usually asks once per recipient, in {@code smtpd_recipient_restrictions}, with every
 * attribute known so far. So a request in state RCPT runs the CONNECT, HELO and MAIL checks
 * before the RCPT checks, each stage a decision of its own in the log; the first stage that
 * refuses answers. Within one message (Postfix's {@code instance} attribute) on one connection,
 * a stage already decided is not asked again, so that a message with ten recipients counts as
 * one connection, not ten.
 *
 * <p>Answers: refusals as {@code 5NN X.Y.Z text} / {@code 4NN X.Y.Z text} (the engine's exact
 * reply), DROP as {@code 521 X.Y.Z text} (Postfix replies, then disconnects), acceptance as
 * {@code DUNNO} (or {@code OK}, per {@code yubin.policy.postfix.accept-action}).
 */
@Component
class PostfixPolicy {

    private static final Logger log = LoggerFactory.getLogger(PostfixPolicy.class);

    private static final Map<String, List<Stage>> STAGES = Map.of(
            "CONNECT", List.of(Stage.CONNECT),
            "HELO", List.of(Stage.CONNECT, Stage.HELO),
            "EHLO", List.of(Stage.CONNECT, Stage.HELO),
            "MAIL", List.of(Stage.CONNECT, Stage.HELO, Stage.MAIL),
            "RCPT", List.of(Stage.CONNECT, Stage.HELO, Stage.MAIL, Stage.RCPT),
            "DATA", List.of(Stage.DATA),
            "END-OF-MESSAGE", List.of(Stage.DATA));

    private final PolicyEngine engine;
    private final PostfixProperties properties;

    PostfixPolicy(PolicyEngine engine, PostfixProperties properties) {
        this.engine = engine;
        this.properties = properties;
    }

    /** The decisions of one connection's current message: cleared when {@code instance} changes. */
    static final class Memory {
        private String instance;
        private final Map<Stage, PolicyDecision> decided = new EnumMap<>(Stage.class);

        private Map<Stage, PolicyDecision> forInstance(String next) {
            if (next == null || !next.equals(instance)) {
                decided.clear();
                instance = next;
            }
            return decided;
        }
    }

    /** The value of the {@code action=} line for one request. */
    String answer(Map<String, String> attributes, Memory memory) {
        if (!"smtpd_access_policy".equals(attributes.get("request"))) {
            log.debug("unknown policy request type {}", attributes.get("request"));
            return "DUNNO";
        }
        String state = attributes.getOrDefault("protocol_state", "").toUpperCase(Locale.ROOT);
        List<Stage> stages = STAGES.get(state);
        if (stages == null) {
            return "DUNNO";   // VRFY, ETRN...: nothing of ours to say
        }
        String instance = value(attributes, "instance").orElse(null);
        Map<Stage, PolicyDecision> decided = memory.forInstance(instance);
        PolicyDecision last = null;
        for (Stage stage : stages) {
            PolicyDecision decision = decided.get(stage);
            if (decision == null) {
                decision = engine.decide(request(stage, attributes));
                if (instance != null && stage != Stage.RCPT && stage != Stage.DATA) {
                    decided.put(stage, decision);
                }
            }
            if (refuses(decision)) {
                return action(decision);
            }
            last = decision;
        }
        return action(last);
    }

    private String action(PolicyDecision decision) {
        String reply = decision.enhancedCode() + " " + oneLine(decision.message());
        return switch (decision.action()) {
            case ACCEPT, DUNNO -> properties.acceptAction() == PostfixProperties.AcceptAction.OK ? "OK" : "DUNNO";
            case DROP -> "521 " + reply;
            case REJECT, TEMPFAIL -> decision.smtpCode() + " " + reply;
        };
    }

    private static boolean refuses(PolicyDecision decision) {
        return decision.action() == Action.REJECT || decision.action() == Action.TEMPFAIL
                || decision.action() == Action.DROP;
    }

    /** The attributes of SMTPD_POLICY_README as our question. */
    static PolicyRequest request(Stage stage, Map<String, String> attributes) {
        return new PolicyRequest(stage,
                value(attributes, "queue_id").orElse(null),
                value(attributes, "client_address").orElse(null),
                value(attributes, "client_name").filter(name -> !name.equalsIgnoreCase("unknown")).orElse(null),
                value(attributes, "helo_name").orElse(null),
                // Postfix sends the null sender as an empty value, addresses without brackets.
                value(attributes, "sender").orElse("<>"),
                value(attributes, "recipient").orElse(null),
                value(attributes, "sasl_username").orElse(null),
                number(attributes, "size").filter(size -> size > 0).orElse(null),
                null,
                stage == Stage.DATA
                        ? number(attributes, "recipient_count").filter(n -> n > 0).map(Long::intValue).orElse(null)
                        : null);
    }

    /** When the engine itself fails, Postfix is told to try later, never to accept. */
    static String unavailable() {
        SmtpReply reply = SmtpReply.SYSTEM_UNAVAILABLE;
        return reply.code() + " " + reply.enhanced() + " " + reply.text();
    }

    private static Optional<String> value(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<Long> number(Map<String, String> attributes, String name) {
        try {
            return value(attributes, name).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    }
}
