package dev.yubin.policy.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeRsaTest {

    private static final byte[] DATA = ("from:Alice <alice@example.test>\r\nsubject:Hello\r\n"
            + "dkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=y2026; bh=x; h=from:subject; b=")
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void onLinuxX8664BoringSslSigns() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "Conscrypt's builds cover linux x86_64");

        assertThat(NativeRsa.provider()).hasValueSatisfying(provider -> assertThat(provider.getName()).isEqualTo("Conscrypt"));
    }

    @Test
    void itsSignatureIsTheJdksByteForByteAndVerifies() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        PrivateKey key = NativeRsa.privateKey(pair.getPrivate().getEncoded());

        byte[] ours = NativeRsa.sign(key, DATA);

        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(pair.getPrivate());
        jdk.update(DATA);
        assertThat(ours).isEqualTo(jdk.sign());   // RSASSA-PKCS1-v1_5 is deterministic
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(ours)).isTrue();
    }

    @Test
    void dkimAlgorithmReadsStoredKeysForTheNativeSigner() throws Exception {
        KeyPair pair = DkimAlgorithm.RSA_SHA256.generate();
        PrivateKey stored = DkimAlgorithm.RSA_SHA256.privateKey(pair.getPrivate().getEncoded());

        byte[] signature = DkimAlgorithm.RSA_SHA256.sign(stored, DATA);

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
        NativeRsa.provider().ifPresent(provider -> assertThat(stored.getClass().getName()).startsWith("org.conscrypt."));
    }
}
