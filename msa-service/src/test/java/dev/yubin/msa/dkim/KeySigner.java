package dev.yubin.msa.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A {@link Signer} with keys of its own, for tests that run without the policy service: an RSA
 * key, and an Ed25519 key when asked for.
 */
public final class KeySigner implements Signer {

    private final String domain;
    private final String selector;
    private final KeyPair rsa;
    private final KeyPair ed25519;

    public KeySigner(String domain, String selector) {
        this(domain, selector, false);
    }

    /** @param withEd25519 a second key, of selector {@code selector + "e"} */
    public KeySigner(String domain, String selector, boolean withEd25519) {
        this.domain = domain;
        this.selector = selector;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.rsa = generator.generateKeyPair();
            this.ed25519 = withEd25519 ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair() : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TXT record to publish at {@code selector._domainkey.domain}. */
    public String txt() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(rsa.getPublic().getEncoded());
    }

    public String ed25519Selector() {
        return selector + "e";
    }

    /** RFC 8463 §4: the raw 32-byte key, which ends the X.509 SubjectPublicKeyInfo of an Ed25519 key. */
    public String ed25519Txt() {
        byte[] spki = ed25519.getPublic().getEncoded();
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    @Override
    public List<SigningKey> keys(String forDomain) {
        if (!forDomain.equals(domain)) {
            return List.of();
        }
        return ed25519 == null
                ? List.of(new SigningKey(SigningKey.RSA_SHA256, selector))
                : List.of(new SigningKey(SigningKey.RSA_SHA256, selector), new SigningKey(SigningKey.ED25519_SHA256, ed25519Selector()));
    }

    @Override
    public byte[] sign(String forDomain, SigningKey key, byte[] data) {
        try {
            if (key.algorithm().equals(SigningKey.ED25519_SHA256)) {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(ed25519.getPrivate());
                signature.update(MessageDigest.getInstance("SHA-256").digest(data));
                return signature.sign();
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(rsa.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
