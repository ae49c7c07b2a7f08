package dev.yubin.mta.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.ReversePath;
import dev.yubin.core.policy.DkimResult;
import dev.yubin.core.policy.PolicyCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Writing our Authentication-Results field, removing forged ones, and reading what goes into it. */
class AuthenticationResultsTest {

    private final AuthenticationResults results = new AuthenticationResults("mx.yubin.test");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void theFieldNamesEveryMethodWithItsPropertiesOnePerLine() {
        String field = results.format(new SpfOutcome("pass", "mailfrom", "bounce@mail.example.org", "mail.example.org"),
                List.of(new DkimResult("example.org", "sel1", "pass"), new DkimResult("other.example", "s2", "fail")),
                new DmarcOutcome("pass", "p=reject", "example.org"), "example.org");

        assertThat(field).isEqualTo("Authentication-Results: mx.yubin.test;\r\n"
                + "\tspf=pass smtp.mailfrom=bounce@mail.example.org;\r\n"
                + "\tdkim=pass header.d=example.org header.s=sel1;\r\n"
                + "\tdkim=fail header.d=other.example header.s=s2;\r\n"
                + "\tdmarc=pass (p=reject) header.from=example.org\r\n");
    }

    @Test
    void withoutSignaturesDkimIsNoneAndTheHeloIsTheSpfIdentityOfTheNullSender() {
        String field = results.format(new SpfOutcome("none", "helo", "mx.example.org", "mx.example.org"), List.of(),
                DmarcOutcome.NONE, "example.org");

        assertThat(field).isEqualTo("Authentication-Results: mx.yubin.test;\r\n\tspf=none smtp.helo=mx.example.org;\r\n"
                + "\tdkim=none;\r\n\tdmarc=none header.from=example.org\r\n");
    }

    @Test
    void aValueThatIsNoTokenIsQuotedSoThatItCannotAddResults() {
        String field = results.format(new SpfOutcome("none", "helo", "evil; dkim=pass", null), List.of(),
                DmarcOutcome.NONE, null);

        assertThat(field).contains("spf=none smtp.helo=\"evil; dkim=pass\";").endsWith("\tdmarc=none\r\n");
        assertThat(AuthenticationResults.value("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void fieldsClaimingOurAuthservIdAreRemovedAndEveryOtherByteStays() {
        String message = "Received: from a\r\n"
                + "Authentication-Results: MX.Yubin.Test; dkim=pass header.d=bank.example\r\n"
                + "Authentication-Results: other.example; spf=pass\r\n"
                + "authentication-results: (forged) mx.yubin.test 1;\r\n\tdmarc=pass\r\n"
                + "Subject: Authentication-Results: mx.yubin.test;\r\n"
                + "\r\n"
                + "Authentication-Results: mx.yubin.test; in the body stays\r\n";

        String stripped = text(results.stripOurs(bytes(message)));

        assertThat(stripped).isEqualTo("Received: from a\r\n"
                + "Authentication-Results: other.example; spf=pass\r\n"
                + "Subject: Authentication-Results: mx.yubin.test;\r\n"
                + "\r\n"
                + "Authentication-Results: mx.yubin.test; in the body stays\r\n");
        byte[] untouched = bytes("Subject: x\r\n\r\nbody \r\n");
        assertThat(results.stripOurs(untouched)).isEqualTo(untouched);
    }

    @Test
    void theAuthservIdIsTheFirstWordAfterComments() {
        assertThat(AuthenticationResults.authservId(" mx.example.org; spf=pass")).contains("mx.example.org");
        assertThat(AuthenticationResults.authservId("(a (nested) comment) mx.example.org 1; none")).contains("mx.example.org");
        assertThat(AuthenticationResults.authservId("\"mx.example.org\"; none")).contains("mx.example.org");
        assertThat(AuthenticationResults.authservId("mx.example.org;none")).contains("mx.example.org");
        assertThat(AuthenticationResults.authservId("  ")).isEmpty();
    }

    @Test
    void theFromAddressIsReadFromTheFirstFromFieldAndItsFirstMailbox() {
        assertThat(from("From: Alice <alice@example.org>\r\n")).contains("alice@example.org");
        assertThat(from("From: alice@example.org (Alice, at work)\r\n")).contains("alice@example.org");
        assertThat(from("From: \"Doe, John <j@evil.example>\" <john@example.org>\r\n")).contains("john@example.org");
        assertThat(from("From: a@one.example, b@two.example\r\n")).contains("a@one.example");
        assertThat(from("from:\r\n\tAlice\r\n <alice@example.org>\r\n")).contains("alice@example.org");
        assertThat(from("Subject: no from\r\n")).isEmpty();
        assertThat(from("Subject: x\r\n\r\nFrom: in the body <b@example.org>\r\n")).isEmpty();
    }

    private static Optional<String> from(String headers) {
        return HeaderSection.of(bytes(headers + (headers.contains("\r\n\r\n") ? "" : "\r\nbody\r\n"))).fromAddress();
    }

    @Test
    void spfComesFromTheMailDecisionsEntryOrIsNone() {
        SpfOutcome pass = SpfOutcome.of(List.of(new PolicyCheck("sender-domain", "DUNNO", "ok"),
                new PolicyCheck("spf", "DUNNO", "spf=pass (mailfrom=a@Mail.Example.org, ip=192.0.2.1)")),
                ReversePath.parse("a@mail.example.org"), "mx.example.org");
        assertThat(pass).isEqualTo(new SpfOutcome("pass", "mailfrom", "a@Mail.Example.org", "mail.example.org"));

        SpfOutcome helo = SpfOutcome.of(List.of(new PolicyCheck("spf", "DUNNO", "spf=softfail (helo=mx.example.org, ip=192.0.2.1)")),
                ReversePath.NULL, "mx.example.org");
        assertThat(helo).isEqualTo(new SpfOutcome("softfail", "helo", "mx.example.org", "mx.example.org"));

        assertThat(SpfOutcome.of(List.of(), ReversePath.parse("a@example.org"), "h.example"))
                .isEqualTo(new SpfOutcome("none", "mailfrom", "a@example.org", "example.org"));
        assertThat(SpfOutcome.of(List.of(new PolicyCheck("spf", "DUNNO", "spf=none: no client address")),
                ReversePath.NULL, "[192.0.2.1]")).isEqualTo(new SpfOutcome("none", "helo", "[192.0.2.1]", null));
    }

    @Test
    void dmarcComesFromTheDataDecisionsEntryOrIsNone() {
        assertThat(DmarcOutcome.of(List.of(new PolicyCheck("dmarc", "REJECT",
                "dmarc=fail (p=reject dis=reject) header.from=example.org; spf=none: no SPF pass"))))
                .isEqualTo(new DmarcOutcome("fail", "p=reject dis=reject", "example.org"));
        assertThat(DmarcOutcome.of(List.of(new PolicyCheck("dmarc", "DUNNO", "dmarc=none header.from=x.example; no record"))))
                .isEqualTo(new DmarcOutcome("none", null, "x.example"));
        assertThat(DmarcOutcome.of(List.of(new PolicyCheck("dmarc", "DUNNO", "dmarc=permerror: From: 'x' is not an address"))))
                .isEqualTo(new DmarcOutcome("permerror", null, null));
        assertThat(DmarcOutcome.of(List.of())).isEqualTo(DmarcOutcome.NONE);
    }
}
