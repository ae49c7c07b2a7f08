package dev.yubin.policy.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Tells which role a presented bearer token grants, comparing in constant time. */
@Component
class ApiTokens {

    enum Role { ADMIN, INTERNAL }

    private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

    private final String adminToken;
    private final byte[] adminDigest;
    private final byte[] internalDigest;

    ApiTokens(SecurityProperties properties) {
        if (properties.adminToken() == null || properties.adminToken().isBlank()) {
            adminToken = randomToken();
            log.warn("yubin.security.admin-token is not set; the admin token of this run is: {}", adminToken);
        } else {
            adminToken = properties.adminToken().strip();
        }
        String internal = properties.internalToken() == null ? "" : properties.internalToken().strip();
        if (SecurityProperties.DEFAULT_INTERNAL_TOKEN.equals(internal)) {
            log.warn("yubin.security.internal-token is the public default; set it for any shared deployment");
        }
        adminDigest = digest(adminToken);
        // A blank internal token accepts nothing: an empty Authorization must never pass.
        internalDigest = internal.isEmpty() ? null : digest(internal);
    }

    /** The admin token in force (configured or generated). */
    String adminToken() {
        return adminToken;
    }

    Optional<Role> roleOf(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        // Digests have a fixed length, so isEqual's time does not depend on the secret's length.
        byte[] candidate = digest(presented);
        boolean admin = MessageDigest.isEqual(candidate, adminDigest);
        boolean internal = internalDigest != null && MessageDigest.isEqual(candidate, internalDigest);
        if (admin) {
            return Optional.of(Role.ADMIN);
        }
        return internal ? Optional.of(Role.INTERNAL) : Optional.empty();
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
