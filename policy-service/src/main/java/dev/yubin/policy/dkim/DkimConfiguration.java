package dev.yubin.policy.dkim;

import dev.yubin.policy.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The key that encrypts the DKIM private keys at rest. */
@Configuration(proxyBeanMethods = false)
class DkimConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DkimConfiguration.class);

    @Bean
    KeyWrapper dkimKeyWrapper(DkimProperties dkim, SecurityProperties security) {
        if (dkim.masterKey() != null && !dkim.masterKey().isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(dkim.masterKey().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("yubin.policy.dkim.master-key is not base64", e);
            }
            if (key.length != 32) {
                throw new IllegalArgumentException("yubin.policy.dkim.master-key must be 32 bytes, base64; it has "
                        + key.length);
            }
            return new KeyWrapper(key);
        }
        String token = security.internalToken() == null ? "" : security.internalToken().strip();
        log.warn("yubin.policy.dkim.master-key is not set: the DKIM private keys are encrypted with a key derived "
                + "from yubin.security.internal-token{}; set a master key (32 random bytes, base64) for any shared "
                + "deployment, before the first DKIM key is made", token.isEmpty()
                        ? ", which is empty: the encryption protects nothing"
                        : SecurityProperties.DEFAULT_INTERNAL_TOKEN.equals(token)
                                ? ", which is the public default: the encryption protects nothing" : "");
        return new KeyWrapper(sha256(token));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
