package dev.yubin.policy.check.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sending limits of an account that has none of its own (account fields
 * {@code maxMessagesPerHour}, {@code maxRecipientsPerMessage}).
 *
 * @param maxMessagesPerHour      messages an account may submit in any hour
 * @param maxRecipientsPerMessage recipients one submitted message may have
 */
@ConfigurationProperties("yubin.policy.submission")
record SubmissionProperties(@DefaultValue("200") int maxMessagesPerHour,
                            @DefaultValue("100") int maxRecipientsPerMessage) {

    SubmissionProperties {
        if (maxMessagesPerHour < 0 || maxRecipientsPerMessage < 0) {
            throw new IllegalArgumentException("yubin.policy.submission.* limits must not be negative");
        }
    }
}
