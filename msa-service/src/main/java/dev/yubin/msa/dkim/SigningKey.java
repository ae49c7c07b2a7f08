package dev.yubin.msa.dkim;

import java.util.List;

/**
 * One active DKIM key of a domain, as the signature names it: {@code a=} and {@code s=}.
 *
 * @param algorithm {@link #RSA_SHA256} or {@link #ED25519_SHA256}
 */
public record SigningKey(String algorithm, String selector) {

    /** RFC 6376; what every verifier understands. */
    public static final String RSA_SHA256 = "rsa-sha256";
    /** RFC 8463; a second signature for verifiers that prefer it, never the only one we rely on. */
    public static final String ED25519_SHA256 = "ed25519-sha256";
    /** The order of the signatures on a message: RSA first. */
    public static final List<String> ALGORITHMS = List.of(RSA_SHA256, ED25519_SHA256);

    public SigningKey {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unknown DKIM algorithm: " + algorithm);
        }
        if (selector == null || selector.isBlank()) {
            throw new IllegalArgumentException("a DKIM key needs a selector");
        }
    }
}
