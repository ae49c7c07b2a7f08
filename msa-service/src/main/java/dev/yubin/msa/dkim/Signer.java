package dev.yubin.msa.dkim;

import java.util.Optional;

/**
 * Makes rsa-sha256 signatures with a domain's DKIM key, wherever that key is: in production the
 * policy service keeps it and signs for us ({@link RemoteSigner}), so the private key never
 * leaves it.
 */
public interface Signer {

    /**
     * @return the selector of the domain's active key; empty when the domain has no key
     * @throws SigningException when it cannot be told now
     */
    Optional<String> selector(String domain);

    /**
     * @param data the octets to sign (RFC 6376 §3.7: the canonicalized header fields, the
     *             DKIM-Signature field last with an empty {@code b=})
     * @return the RSASSA-PKCS1-v1_5 SHA-256 signature
     * @throws SigningException when no signature can be had now
     */
    byte[] sign(String domain, String selector, byte[] data);
}
