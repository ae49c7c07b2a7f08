package dev.yubin.policy.directory;

import java.util.Map;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashing: Argon2id for new hashes; the {id} prefix leaves room to import bcrypt hashes
 * and to move to stronger parameters later without a flag day.
 */
@Component
class Passwords {

    private final PasswordEncoder encoder = new DelegatingPasswordEncoder("argon2", Map.of(
            "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
            "bcrypt", new BCryptPasswordEncoder()));

    // Checked against when the account does not exist, so that the answer takes as long as a
    // real check and timing does not tell which addresses have accounts.
    private final String decoyHash = encoder.encode("decoy password for unknown accounts");

    String hash(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    boolean matches(String rawPassword, String hash) {
        return rawPassword != null && encoder.matches(rawPassword, hash);
    }

    void spendDecoyCheck(String rawPassword) {
        encoder.matches(rawPassword == null ? "" : rawPassword, decoyHash);
    }
}
