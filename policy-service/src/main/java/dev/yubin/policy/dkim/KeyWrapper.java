package dev.yubin.policy.dkim;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts private keys at rest with AES-256-GCM. A wrapped key is: a format version byte, a
 * fresh 12-byte nonce, then the ciphertext with its 16-byte tag. The caller's {@code context}
 * (domain and selector) is authenticated too, so a key copied onto another row in the database
 * does not decrypt there.
 */
final class KeyWrapper {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    /** @param key 32 bytes */
    KeyWrapper(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + (key == null ? 0 : key.length));
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    byte[] wrap(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, context, plain, 0, plain.length);
        return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
    }

    /** @throws IllegalArgumentException when {@code wrapped} was not made by this key for this context */
    byte[] unwrap(byte[] wrapped, String context) {
        if (wrapped == null || wrapped.length < 1 + NONCE_BYTES + TAG_BITS / 8 || wrapped[0] != VERSION) {
            throw new IllegalArgumentException("not a wrapped key of format version " + VERSION);
        }
        byte[] nonce = Arrays.copyOfRange(wrapped, 1, 1 + NONCE_BYTES);
        return crypt(Cipher.DECRYPT_MODE, nonce, context, wrapped, 1 + NONCE_BYTES, wrapped.length - 1 - NONCE_BYTES);
    }

    private byte[] crypt(int mode, byte[] nonce, String context, byte[] input, int offset, int length) {
        try {
            // A Cipher is not thread-safe and cheap to make: one per call.
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException e) {
            // Mostly AEADBadTagException: another master key, another row, or altered bytes.
            throw new IllegalArgumentException("cannot " + (mode == Cipher.ENCRYPT_MODE ? "encrypt" : "decrypt")
                    + " key for " + context + ": " + e, e);
        }
    }
}
