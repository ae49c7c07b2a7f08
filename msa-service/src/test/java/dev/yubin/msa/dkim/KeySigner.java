package dev.yubin.msa.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/** A {@link Signer} with a key of its own, for tests that run without the policy service. */
public final class KeySigner implements Signer {

    private final String domain;
    private final String selector;
    private final KeyPair keys;

    public KeySigner(String domain, String selector) {
        this.domain = domain;
        this.selector = selector;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TXT record to publish at {@code selector._domainkey.domain}. */
    public String txt() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    @Override
    public Optional<String> selector(String forDomain) {
        return forDomain.equals(domain) ? Optional.of(selector) : Optional.empty();
    }

    @Override
    public byte[] sign(String forDomain, String forSelector, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
