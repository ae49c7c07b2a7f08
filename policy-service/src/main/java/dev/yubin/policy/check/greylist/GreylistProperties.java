package dev.yubin.policy.check.greylist;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Greylisting, postgrey-style: the first attempt of a (client network, sender, recipient)
 * triplet is deferred; a retry after {@code delay} and within {@code retryWindow} passes, and
 * the triplet passes at once from then on.
 *
 * @param enabled        off by default: it delays every first message by at least {@code delay}
 * @param delay          how long a new triplet is deferred
 * @param retryWindow    how long after the delay a retry still counts; later, the triplet starts anew
 * @param maxAge         a triplet (or a client's passes) unseen this long is forgotten
 * @param autoAllowAfter a client network that passed this many triplets is no longer greylisted;
 *                       0: never
 */
@ConfigurationProperties("yubin.policy.greylist")
record GreylistProperties(@DefaultValue("false") boolean enabled,
                          @DefaultValue("5m") Duration delay,
                          @DefaultValue("2d") Duration retryWindow,
                          @DefaultValue("35d") Duration maxAge,
                          @DefaultValue("5") int autoAllowAfter) {

    GreylistProperties {
        if (delay.isNegative() || retryWindow.isNegative() || retryWindow.isZero() || maxAge.isNegative()
                || maxAge.isZero() || autoAllowAfter < 0) {
            throw new IllegalArgumentException("yubin.policy.greylist: durations must be positive, "
                    + "auto-allow-after not negative");
        }
    }
}
