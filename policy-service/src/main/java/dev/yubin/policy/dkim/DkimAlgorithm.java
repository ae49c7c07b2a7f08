package dev.yubin.policy.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The DKIM signing algorithms we make keys for: what the key is, how its public half is written
 * in the DNS record, and how a signature is made. {@code data} is always what the DKIM signer
 * hashes: the canonicalized header fields with the DKIM-Signature field's empty {@code b=}.
 */
enum DkimAlgorithm {

    /** RFC 6376: RSASSA-PKCS1-v1_5 with SHA-256, a 2048-bit key; {@code p=} is the DER SubjectPublicKeyInfo. */
    RSA_SHA256("rsa-sha256", "rsa", "RSA") {
        @Override
        KeyPair generate() throws GeneralSecurityException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        }

        @Override
        byte[] publicKeyData(byte[] subjectPublicKeyInfo) {
            return subjectPublicKeyInfo;
        }

        @Override
        PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
            return NativeRsa.privateKey(pkcs8);
        }

        @Override
        byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
            return NativeRsa.sign(key, data);
        }
    },

    /** RFC 8463: PureEdDSA Ed25519 over the SHA-256 hash of the data; {@code p=} is the raw 32-byte key. */
    ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519") {
        @Override
        KeyPair generate() throws GeneralSecurityException {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }

        @Override
        byte[] publicKeyData(byte[] subjectPublicKeyInfo) {
            // The SubjectPublicKeyInfo of an Ed25519 key is a fixed 12-byte header and the 32-byte key.
            return Arrays.copyOfRange(subjectPublicKeyInfo, subjectPublicKeyInfo.length - 32,
                    subjectPublicKeyInfo.length);
        }

        @Override
        byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(MessageDigest.getInstance("SHA-256").digest(data));
            return signature.sign();
        }
    };

    private final String tag;
    private final String keyType;
    private final String jcaName;

    DkimAlgorithm(String tag, String keyType, String jcaName) {
        this.tag = tag;
        this.keyType = keyType;
        this.jcaName = jcaName;
    }

    /** The {@code a=} tag value, e.g. {@code rsa-sha256}. */
    String tag() {
        return tag;
    }

    static Optional<DkimAlgorithm> ofTag(String tag) {
        return Arrays.stream(values()).filter(a -> a.tag.equalsIgnoreCase(tag == null ? "" : tag.strip())).findFirst();
    }

    /** The TXT record's value for a public key in SubjectPublicKeyInfo (X.509) form. */
    String txt(byte[] subjectPublicKeyInfo) {
        return "v=DKIM1; k=" + keyType + "; p="
                + Base64.getEncoder().encodeToString(publicKeyData(subjectPublicKeyInfo));
    }

    PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(jcaName).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    abstract KeyPair generate() throws GeneralSecurityException;

    abstract byte[] publicKeyData(byte[] subjectPublicKeyInfo);

    abstract byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException;
}
