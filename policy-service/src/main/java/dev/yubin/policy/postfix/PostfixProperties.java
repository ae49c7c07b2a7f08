package dev.yubin.policy.postfix;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Postfix policy delegation listener ({@code check_policy_service inet:HOST:9998}).
 *
 * @param enabled        whether the listener runs
 * @param port           its TCP port; 0 picks a free one (tests)
 * @param bindAddress    the address it listens on
 * @param maxConnections connections served at once; more are closed at once (Postfix then
 *                       retries, and falls back to its {@code default_action} when it must)
 * @param idleTimeout    a connection that sends nothing this long is closed; Postfix keeps its
 *                       own idle connections for {@code smtpd_policy_service_max_idle} (300 s)
 * @param acceptAction   the answer when the engine accepts: {@code dunno} (Postfix's later
 *                       restrictions still apply) or {@code ok} (they are skipped: use only after
 *                       {@code reject_unauth_destination})
 */
@ConfigurationProperties("yubin.policy.postfix")
record PostfixProperties(@DefaultValue("true") boolean enabled,
                         @DefaultValue("9998") int port,
                         @DefaultValue("0.0.0.0") String bindAddress,
                         @DefaultValue("100") int maxConnections,
                         @DefaultValue("10m") Duration idleTimeout,
                         @DefaultValue("dunno") AcceptAction acceptAction) {

    enum AcceptAction { DUNNO, OK }

    PostfixProperties {
        if (port < 0 || port > 65535 || maxConnections < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("yubin.policy.postfix: bad port, max-connections or idle-timeout");
        }
    }
}
