package dev.yubin.mta.authentication;

import dev.yubin.mta.config.Hostname;
import dev.yubin.mta.dns.TxtLookup;
import dev.yubin.mta.policy.PolicyService;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Message authentication exists with the receive role, which alone uses it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "yubin.mta.receive.enabled", havingValue = "true", matchIfMissing = true)
class AuthenticationConfig {

    /** The authserv-id of our Authentication-Results is the name we announce: {@code yubin.mta.hostname}. */
    @Bean
    MessageAuthenticator messageAuthenticator(TxtLookup dns, DkimProperties dkim, PolicyService policy,
                                              Hostname hostname, Clock clock) {
        return new MessageAuthenticator(new DkimVerifier(dns, dkim, clock), policy, hostname.value());
    }
}
