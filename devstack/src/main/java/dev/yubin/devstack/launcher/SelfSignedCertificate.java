package dev.yubin.devstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The devstack's TLS identity for STARTTLS and implicit TLS: a self-signed RSA 2048
 * certificate for {@code localhost} and {@code 127.0.0.1}, valid 10 years, generated on the
 * first start and reused afterwards (so a client that pinned it keeps working).
 */
public final class SelfSignedCertificate {

    static final Duration VALIDITY = Duration.ofDays(3650);

    private SelfSignedCertificate() {}

    /** The existing files in {@code tlsDir}, or new ones. */
    public static TlsFiles ensure(Path tlsDir) {
        TlsFiles files = new TlsFiles(tlsDir.resolve("cert.pem").toAbsolutePath(), tlsDir.resolve("key.pem").toAbsolutePath());
        if (Files.isRegularFile(files.certificate()) && Files.isRegularFile(files.privateKey())) {
            return files;
        }
        try {
            Files.createDirectories(tlsDir);
            KeyPair keys = keyPair();
            X509Certificate certificate = certificate(keys);
            Files.deleteIfExists(files.privateKey());
            TokenStore.writeOwnerOnly(files.privateKey(), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            Files.writeString(files.certificate(), pem("CERTIFICATE", certificate.getEncoded()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the certificate into " + tlsDir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a self-signed certificate", e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, new SecureRandom());
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(KeyPair keys) throws GeneralSecurityException, IOException, OperatorCreationException {
        X500Name subject = new X500Name("CN=localhost");
        // back-date a little: a client whose clock lags must not see a not-yet-valid certificate
        Instant notBefore = Instant.now().minus(1, ChronoUnit.DAYS);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject, new BigInteger(64, new SecureRandom()).abs(),
                Date.from(notBefore), Date.from(notBefore.plus(VALIDITY)), subject, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** RFC 7468 text encoding; {@code PrivateKey.getEncoded()} of an RSA key is already PKCS#8. */
    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
