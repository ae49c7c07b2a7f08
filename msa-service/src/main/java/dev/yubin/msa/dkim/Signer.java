package dev.yubin.msa.dkim;

import java.util.List;

/**
 * Makes DKIM signatures with a domain's keys, wherever those keys are: in production the policy
 * service keeps them and signs for us ({@link RemoteSigner}), so no private key leaves it.
 */
public interface Signer {

    /**
     * @return the domain's active keys, in {@link SigningKey#ALGORITHMS} order; empty when it has none
     * @throws SigningException when they cannot be told now
     */
    List<SigningKey> keys(String domain);

    /**
     * @param data the octets to sign (RFC 6376 §3.7: the canonicalized header fields, the
     *             DKIM-Signature field last with an empty {@code b=})
     * @return the signature of {@code key}'s algorithm: RSASSA-PKCS1-v1_5 SHA-256, or Ed25519
     *         over the SHA-256 hash of the data (RFC 8463)
     * @throws SigningException when no signature can be had now
     */
    byte[] sign(String domain, SigningKey key, byte[] data);
}
