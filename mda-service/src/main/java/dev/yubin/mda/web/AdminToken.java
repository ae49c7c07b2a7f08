package dev.yubin.mda.web;

import dev.yubin.mda.config.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The admin token, configured or generated for this run. */
@Component
class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] token;

    AdminToken(SecurityProperties security) {
        String configured = security.adminToken();
        if (configured == null || configured.isBlank()) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            configured = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("yubin.security.admin-token is not set; the admin token for this run is {}", configured);
        }
        this.token = configured.getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so the response time does not reveal a matching prefix. */
    boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
