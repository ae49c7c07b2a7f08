package dev.yubin.mta.authentication;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DKIM verification at the end of DATA ({@code yubin.mta.dkim.*}). Both bound what one message
 * can cost us: a message may carry any number of signatures, each one a DNS lookup.
 *
 * @param maxSignatures   signatures verified per message, the topmost (newest) first; the rest
 *                        are not looked at (RFC 6376 §6.1 lets a verifier limit them)
 * @param keyLookupBudget the time all key lookups of one message may take together; a key not
 *                        found by then is {@code temperror}
 */
@ConfigurationProperties("yubin.mta.dkim")
record DkimProperties(@DefaultValue("5") int maxSignatures, @DefaultValue("5s") Duration keyLookupBudget) {

    DkimProperties {
        if (maxSignatures < 0 || keyLookupBudget.isNegative()) {
            throw new IllegalArgumentException("yubin.mta.dkim: max-signatures and key-lookup-budget must not be negative");
        }
    }
}
