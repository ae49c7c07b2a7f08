package dev.yubin.mta.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.core.policy.DkimResult;
import dev.yubin.mta.dns.TxtLookup;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SimpleResolver;

/**
 * DKIM verification of our MTA path ({@link DkimVerifier}: jDKIM's verifier behind our key lookup
 * over {@code yubin.dns.servers}) against messages signed by an independent signer: Apache
 * jDKIM's {@link DKIMSigner}, with a key pair made here and published in a DNS server of the
 * test on 127.0.0.1. The verifier never sees the private key; only DNS connects the two.
 */
class DkimVerifierTest {

    private static final TestDnsServer dns = TestDnsServer.start();
    private static KeyPair key;

    static final String MESSAGE = "From: Alice <alice@signed.test>\r\n"
            + "To: bob@example.test\r\n"
            + "Subject: signed\r\n"
            + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
            + "Message-ID: <1@signed.test>\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "this body is signed.\r\n";

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        String publicKey = Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
        dns.txt("sel1._domainkey.signed.test", "v=DKIM1; k=rsa; p=" + publicKey);
        dns.txt("sel1._domainkey.other.test", "v=DKIM1; k=rsa; p=" + publicKey);
        dns.silence("slow.test");
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    /** Signs with jDKIM's signer: a DKIM-Signature field put on top of the message. */
    static String sign(String message, String domain, String selector, KeyPair keyPair) throws Exception {
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + "; h=from:to:subject:date:message-id; bh=; b=;", keyPair.getPrivate());
        String field = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        return field + "\r\n" + message;
    }

    static KeyPair key() {
        return key;
    }

    private static DkimVerifier verifier(int maxSignatures, Duration budget) {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        resolver.setTimeout(Duration.ofSeconds(2));
        return new DkimVerifier(new TxtLookup(resolver, new Cache(DClass.IN)),
                new DkimProperties(maxSignatures, budget), Clock.systemUTC());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageSignedByAnIndependentSignerVerifies() throws Exception {
        String signed = sign(MESSAGE, "signed.test", "sel1", key);

        assertThat(verifier(5, Duration.ofSeconds(5)).verify(bytes(signed)))
                .containsExactly(new DkimResult("signed.test", "sel1", "pass"));
    }

    @Test
    void aTamperedBodyFails() throws Exception {
        String signed = sign(MESSAGE, "signed.test", "sel1", key);
        String tampered = signed.replace("this body is signed.", "this body was changed.");

        assertThat(verifier(5, Duration.ofSeconds(5)).verify(bytes(tampered)))
                .containsExactly(new DkimResult("signed.test", "sel1", "fail"));
    }

    @Test
    void aTamperedSignedHeaderFails() throws Exception {
        String signed = sign(MESSAGE, "signed.test", "sel1", key);
        String tampered = signed.replace("Subject: signed", "Subject: pay this invoice");

        assertThat(verifier(5, Duration.ofSeconds(5)).verify(bytes(tampered)))
                .extracting(DkimResult::result).containsExactly("fail");
    }

    @Test
    void anUnsignedMessageHasNoResultsAndAMissingKeyFails() throws Exception {
        assertThat(verifier(5, Duration.ofSeconds(5)).verify(bytes(MESSAGE))).isEmpty();

        String noKey = sign(MESSAGE, "signed.test", "gone", key);
        assertThat(verifier(5, Duration.ofSeconds(5)).verify(bytes(noKey)))
                .extracting(DkimResult::result).containsExactly("fail");
    }

    @Test
    void aKeyLookupThatTimesOutIsTemperrorWithinTheBudget() throws Exception {
        String signed = sign(MESSAGE, "slow.test", "sel1", key);

        long start = System.nanoTime();
        var results = verifier(5, Duration.ofMillis(700)).verify(bytes(signed));

        assertThat(results).containsExactly(new DkimResult("slow.test", "sel1", "temperror"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void twoSignaturesAreEachReportedAndOnlyTheFirstFewAreVerified() throws Exception {
        String twice = sign(sign(MESSAGE, "signed.test", "sel1", key), "other.test", "sel1", key);

        assertThat(verifier(5, Duration.ofSeconds(5)).verify(bytes(twice))).containsExactlyInAnyOrder(
                new DkimResult("signed.test", "sel1", "pass"), new DkimResult("other.test", "sel1", "pass"));
        // the topmost signature is the newest: with a limit of one, only it is looked at
        assertThat(verifier(1, Duration.ofSeconds(5)).verify(bytes(twice)))
                .containsExactly(new DkimResult("other.test", "sel1", "pass"));
    }

    @Test
    void aSignatureFieldThatIsNoSignatureIsPermerror() {
        String broken = "DKIM-Signature: this is not a tag list\r\n" + MESSAGE;

        assertThat(verifier(5, Duration.ofSeconds(5)).verify(bytes(broken)))
                .extracting(DkimResult::result).containsExactly("permerror");
    }
}
