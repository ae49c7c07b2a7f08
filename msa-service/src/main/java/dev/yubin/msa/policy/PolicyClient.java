package dev.yubin.msa.policy;

import dev.yubin.core.policy.PolicyDecision;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * {@code POST /api/v1/policy/check}: the policy engine decides sender ownership (MAIL, and the
 * From header at DATA), recipients and their resolution (RCPT), and the account's limits.
 */
@Component
public class PolicyClient {

    private static final Logger log = LoggerFactory.getLogger(PolicyClient.class);

    private final RestClient rest;

    PolicyClient(RestClient policyRestClient) {
        this.rest = policyRestClient;
    }

    /** Never throws: any failure to get an answer is {@link PolicyVerdict#UNAVAILABLE}. */
    public PolicyVerdict check(PolicyRequest request) {
        try {
            PolicyDecision decision = rest.post()
                    .uri("/api/v1/policy/check")
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(request)
                    .retrieve()
                    .body(PolicyDecision.class);
            PolicyVerdict verdict = PolicyVerdict.of(request.stage(), decision);
            if (verdict == PolicyVerdict.UNAVAILABLE) {
                log.warn("{}: unusable policy answer at {}: replying {}", request.queueId(), request.stage(), verdict.reply());
            }
            return verdict;
        } catch (RuntimeException e) {
            // timeouts, refused connections, HTTP errors and unreadable JSON all end here
            log.warn("{}: policy service unavailable at {}: {}", request.queueId(), request.stage(), e.toString());
            return PolicyVerdict.UNAVAILABLE;
        }
    }
}
