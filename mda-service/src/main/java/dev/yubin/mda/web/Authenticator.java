package dev.yubin.mda.web;

import dev.yubin.core.address.MailAddress;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns an {@code Authorization} header into a {@link Caller}, or refuses with 401. */
@Component
class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    private final AdminToken adminToken;
    private final PolicyAuthClient policy;
    private final CredentialCache cache;

    Authenticator(AdminToken adminToken, PolicyAuthClient policy, CredentialCache cache) {
        this.adminToken = adminToken;
        this.policy = policy;
        this.cache = cache;
    }

    /**
     * @throws org.springframework.web.ErrorResponseException 401 for missing or wrong credentials
     * @throws PolicyUnavailableException when a password cannot be checked now
     */
    Caller authenticate(String authorization, String clientAddress) {
        Credentials credentials = Credentials.parse(authorization).orElseThrow(Problems::unauthorized);
        if (credentials instanceof Credentials.Bearer bearer) {
            if (adminToken.matches(bearer.token())) {
                return new Caller.Admin();
            }
            log.info("Wrong bearer token from {}", clientAddress);
            throw Problems.unauthorized();
        }
        Credentials.Basic basic = (Credentials.Basic) credentials;
        Optional<MailAddress> cached = cache.get(basic.username(), basic.password());
        if (cached.isPresent()) {
            return new Caller.Owner(cached.get());
        }
        MailAddress owner = policy.authenticate(basic.username(), basic.password(), clientAddress)
                .orElseThrow(() -> {
                    log.info("Wrong password for {} from {}", basic.username(), clientAddress);
                    return Problems.unauthorized();
                });
        cache.put(basic.username(), basic.password(), owner);
        return new Caller.Owner(owner);
    }
}
