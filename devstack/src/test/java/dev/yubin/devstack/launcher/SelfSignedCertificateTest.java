package dev.yubin.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @TempDir
    Path dir;

    @Test
    void certificateIsForLocalhostWithBothSubjectAlternativeNamesForTenYears() throws Exception {
        TlsFiles files = SelfSignedCertificate.ensure(dir.resolve("tls"));

        X509Certificate cert = parse(files.certificate());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        cert.checkValidity();
        Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertThat(validity).isEqualTo(SelfSignedCertificate.VALIDITY);
        assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3640)));
        cert.verify(cert.getPublicKey());
    }

    @Test
    void privateKeyIsPkcs8PemMatchingTheCertificateAndOwnerOnly() throws Exception {
        TlsFiles files = SelfSignedCertificate.ensure(dir);

        String pem = Files.readString(files.privateKey());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(parse(files.certificate()).getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.privateKey()))).isEqualTo("rw-------");
    }

    @Test
    void existingFilesAreReused() throws Exception {
        TlsFiles first = SelfSignedCertificate.ensure(dir);
        String cert = Files.readString(first.certificate());

        TlsFiles second = SelfSignedCertificate.ensure(dir);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(second.certificate())).isEqualTo(cert);
    }

    private static X509Certificate parse(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
