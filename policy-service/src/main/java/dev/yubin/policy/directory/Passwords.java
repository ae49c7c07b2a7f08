package dev.yubin.policy.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing: Argon2id for new hashes; the {id} prefix leaves room to import bcrypt hashes
 * and to move to stronger parameters later without a flag day.
 *
 * <p>Argon2 is slow on purpose (tens of milliseconds of CPU), and mail clients log in on every
 * connection: Thunderbird opens one per message it sends. So a successful check is remembered for
 * {@code yubin.policy.directory.verified-password-ttl}, as Dovecot's auth cache does: the memory
 * holds an HMAC of the stored hash and the password under a key made at start and never written
 * anywhere, not the password. The stored hash is part of what is remembered, so a password changed
 * through any replica stops matching at once; a wrong password is never remembered and always
 * costs the full check.
 */
@Component
class Passwords {

    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final PasswordEncoder encoder;
    // Checked against when the account does not exist, so that the answer takes as long as a
    // real check and timing does not tell which addresses have accounts.
    private final String decoyHash;
    private final SecretKeySpec macKey;
    private final Cache<String, Boolean> verified;

    @Autowired
    Passwords(DirectoryProperties properties) {
        this(properties, new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder())));
    }

    Passwords(DirectoryProperties properties, PasswordEncoder encoder) {
        this.encoder = encoder;
        this.decoyHash = encoder.encode("decoy password for unknown accounts");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.macKey = new SecretKeySpec(key, MAC_ALGORITHM);
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(properties.verifiedPasswordTtl())
                .maximumSize(properties.verifiedPasswordTtl().isZero() ? 0 : properties.cacheSize())
                .build();
    }

    String hash(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    boolean matches(String rawPassword, String hash) {
        if (rawPassword == null) {
            return false;
        }
        String proof = proof(rawPassword, hash);
        if (verified.getIfPresent(proof) != null) {
            return true;
        }
        boolean matches = encoder.matches(rawPassword, hash);
        if (matches) {
            verified.put(proof, Boolean.TRUE);
        }
        return matches;
    }

    void spendDecoyCheck(String rawPassword) {
        encoder.matches(rawPassword == null ? "" : rawPassword, decoyHash);
    }

    /** What is remembered of a verified pair: the hash's length first, so no two pairs run together. */
    private String proof(String rawPassword, String hash) {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(macKey);
            mac.update((hash.length() + ":" + hash).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(rawPassword.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC_ALGORITHM + " is part of every Java runtime", e);
        }
    }
}
