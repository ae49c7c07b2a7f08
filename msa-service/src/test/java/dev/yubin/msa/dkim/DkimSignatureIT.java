package dev.yubin.msa.dkim;

import dev.yubin.core.fixtures.DnsKeyRetriever;
import dev.yubin.core.fixtures.TestDnsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.msa.message.MessageParts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link DkimSigner} signs, independent verifiers accept: Apache jDKIM (rsa-sha256), with
 * the public key published in a DNS server on 127.0.0.1, and dkimpy (Debian's python3-dkim,
 * which also knows ed25519-sha256 of RFC 8463); and they reject it once it is tampered with.
 */
class DkimSignatureIT {

    private static final Instant NOW = Instant.parse("2026-11-28T14:08:00Z");
    private static final String MESSAGE = String.join("\r\n",
            "From: Alice Example <alice@example.test>",
            "To: bob@remote.example,",
            "  \"Carol, C.\" <carol@remote.example>",
            "Cc: dave@example.test",
            "Subject:  Gr\u00fc\u00dfe \t aus   Z\u00fcrich  ",
            "Date: Sat, 28 Nov 2026 14:07:59 +0000",
            "Message-ID: <01J9ZQ4K7M0000000000@msa.yubin.test>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "X-Mailer: Test",
            "",
            "Hello Bob,  \t",
            "",
            "a line\twith   blanks ",
            "..a dot line as sent after unstuffing",
            "",
            "",
            "");

    /** Debian's, which the apt packages install into (a pyenv python3 may come first on the PATH). */
    private static final String DEBIAN_PYTHON = "/usr/bin/python3";

    private static TestDnsServer dns;
    private static KeySigner keys;

    @BeforeAll
    static void publishTheKey() throws Exception {
        dns = TestDnsServer.start();
        keys = new KeySigner("example.test", "y20261128abcd");
        dns.txt("y20261128abcd._domainkey.example.test", keys.txt());
    }

    @AfterAll
    static void stopDns() {
        dns.close();
    }

    @Test
    void jdkimVerifiesWhatWeSigned() throws Exception {
        String signed = sign(MESSAGE);

        List<SignatureRecord> valid = verify(signed);

        assertThat(signed).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test;");
        assertThat(valid).hasSize(1);
        SignatureRecord signature = valid.get(0);
        assertThat(signature.getDToken().toString()).isEqualTo("example.test");
        assertThat(signature.getSelector().toString()).isEqualTo("y20261128abcd");
        assertThat(signature.getSignatureTimestamp()).isEqualTo(NOW.getEpochSecond());
        assertThat(signature.getHeaders()).extracting(CharSequence::toString).containsExactly("from", "from", "to", "cc",
                "subject", "date", "message-id", "mime-version", "content-type", "content-transfer-encoding");
        assertThat(signed.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void refoldedHeadersAndBlanksAddedInTransitStillVerify() throws Exception {
        String signed = sign(MESSAGE);
        String relayed = signed.replace("Cc: dave@example.test", "Cc:\r\n\tdave@example.test  ")
                .replace("Hello Bob,", "Hello   Bob,");

        assertThat(verify(relayed)).hasSize(1);
    }

    @Test
    void aChangedBodyFailsVerification() {
        String signed = sign(MESSAGE);

        assertThatThrownBy(() -> verify(signed.replace("Hello Bob", "Hello Eve"))).isInstanceOf(FailException.class);
    }

    @Test
    void aChangedSignedHeaderFailsVerification() {
        String signed = sign(MESSAGE);

        assertThatThrownBy(() -> verify(signed.replace("Subject:  Gr", "Subject: Re: Gr"))).isInstanceOf(FailException.class);
    }

    @Test
    void aFromAddedAboveOrBelowBreaksTheSignatureForFromIsSignedOnceMoreThanPresent() {
        String signed = sign(MESSAGE);
        String original = "From: Alice Example <alice@example.test>";

        assertThatThrownBy(() -> verify(signed.replace(original, "From: ceo@example.test\r\n" + original)))
                .isInstanceOf(FailException.class);
        assertThatThrownBy(() -> verify(signed.replace(original, original + "\r\nFrom: ceo@example.test")))
                .isInstanceOf(FailException.class);
    }

    @Test
    void aDomainWithBothKeysGetsTwoSignaturesThatDkimpyVerifiesAndJdkimStillAcceptsTheRsaOne() throws Exception {
        KeySigner both = new KeySigner("example.test", "y2026both", true);
        dns.txt("y2026both._domainkey.example.test", both.txt());
        String fields = new DkimSigner(both).sign(MessageParts.parse(bytes(MESSAGE)), "example.test", NOW).orElseThrow();
        String signed = fields + MESSAGE;

        assertThat(fields).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=y2026both;")
                .contains("\r\nDKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.test; s=y2026bothe;");
        assertThat(dkimpy(signed, both)).containsExactly("rsa-sha256 pass", "ed25519-sha256 pass");
        assertThat(verify(signed)).extracting(record -> record.getSelector().toString()).containsExactly("y2026both");
        assertThat(dkimpy(signed.replace("Hello Bob", "Hello Eve"), both))
                .containsExactly("rsa-sha256 fail", "ed25519-sha256 fail");
    }

    @Test
    void aDomainWithoutAKeyIsNotSigned() {
        DkimSigner signer = new DkimSigner(keys);

        assertThat(signer.sign(MessageParts.parse(bytes(MESSAGE)), "other.example", NOW)).isEmpty();
    }

    private static String sign(String message) {
        String field = new DkimSigner(keys).sign(MessageParts.parse(bytes(message)), "example.test", NOW).orElseThrow();
        return field + message;
    }

    /** Runs dkimpy on the message, its keys handed over as they are published. */
    private static List<String> dkimpy(String message, KeySigner keys) throws Exception {
        Path file = Files.createTempFile("dkimpy", ".eml");
        Path script = Path.of(DkimSignatureIT.class.getResource("/dkimpy_verify.py").toURI());
        try {
            Files.write(file, bytes(message));
            Process process = new ProcessBuilder(DEBIAN_PYTHON, script.toString(), file.toString(),
                    "y2026both._domainkey.example.test=" + keys.txt(),
                    keys.ed25519Selector() + "._domainkey.example.test=" + keys.ed25519Txt())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("dkimpy (apt package python3-dkim, python3-nacl): %s", output).isZero();
            return output.lines().toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<SignatureRecord> verify(String message) throws Exception {
        return new DKIMVerifier(new DnsKeyRetriever(dns.port())).verify(new ByteArrayInputStream(bytes(message)));
    }

    private static byte[] bytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8);
    }
}
