package dev.yubin.policy.check.ptr;

import dev.yubin.core.policy.Stage;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reverse DNS of the client: a PTR name that resolves back to its address (FCrDNS). The result is
 * always in the decision log; it refuses only when required.
 *
 * @param required whether a client without FCrDNS is held back at all
 * @param action   what {@code required} does to such a client: {@code reject} (550 5.7.25),
 *                 {@code tempfail} (450 4.7.25, as Postfix's reject_unknown_client_hostname) or
 *                 {@code score-only} (logged, never refused: a way to see what {@code required} would do)
 * @param stage    when the check runs: {@code connect} or {@code helo}
 */
@ConfigurationProperties("yubin.policy.ptr")
record PtrProperties(@DefaultValue("false") boolean required,
                     @DefaultValue("tempfail") PtrAction action,
                     @DefaultValue("connect") Stage stage) {

    enum PtrAction { REJECT, TEMPFAIL, SCORE_ONLY }

    PtrProperties {
        if (stage != Stage.CONNECT && stage != Stage.HELO) {
            throw new IllegalArgumentException("yubin.policy.ptr.stage must be connect or helo, not " + stage);
        }
    }

    /** Whether a client without FCrDNS is refused. */
    boolean refuses() {
        return required && action != PtrAction.SCORE_ONLY;
    }
}
