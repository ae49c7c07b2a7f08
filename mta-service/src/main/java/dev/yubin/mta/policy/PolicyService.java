package dev.yubin.mta.policy;

import dev.yubin.core.policy.PolicyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Asks the policy service about a recipient; any failure to get an answer is a temporary refusal. */
@Service
public class PolicyService {

    private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

    private final PolicyClient client;

    PolicyService(PolicyClient client) {
        this.client = client;
    }

    public RcptVerdict checkRecipient(PolicyRequest request) {
        try {
            RcptVerdict verdict = RcptVerdict.of(client.check(request));
            if (verdict == RcptVerdict.UNAVAILABLE) {
                log.warn("{}: policy answer for <{}> is unusable: replying {}", request.queueId(), request.recipient(), verdict.reply());
            }
            return verdict;
        } catch (RuntimeException e) {
            // Timeouts, refused connections, HTTP errors and unreadable JSON all end here.
            log.warn("{}: policy service unavailable for <{}>: {}", request.queueId(), request.recipient(), e.toString());
            return RcptVerdict.UNAVAILABLE;
        }
    }
}
