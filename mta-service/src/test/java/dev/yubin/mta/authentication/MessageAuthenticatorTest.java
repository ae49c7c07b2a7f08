package dev.yubin.mta.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.CheckResult;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.core.policy.DkimResult;
import dev.yubin.core.policy.PolicyCheck;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.dns.TxtLookup;
import dev.yubin.mta.policy.PolicyService;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SimpleResolver;

/**
 * The end of DATA: real DKIM verification (a jDKIM-signed message, keys from a DNS server of the
 * test), the DATA question to the policy service (here a Mockito stand-in answering as the real
 * service does), and what that makes of the message.
 */
class MessageAuthenticatorTest {

    private static final TestDnsServer dns = TestDnsServer.start();
    private static KeyPair key;

    private final PolicyService policy = mock(PolicyService.class);
    private final MessageAuthenticator authenticator;

    MessageAuthenticatorTest() {
        SimpleResolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        authenticator = new MessageAuthenticator(new DkimVerifier(new TxtLookup(resolver, new Cache(DClass.IN)),
                new DkimProperties(5, Duration.ofSeconds(3)), Clock.systemUTC()), policy, "mx.yubin.test");
    }

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        dns.txt("sel1._domainkey.signed.test",
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static MessageAuthenticator.Message message(String body) {
        return new MessageAuthenticator.Message("Q1", "192.0.2.10", "mx.sender.test", ReversePath.parse("b@bounce.signed.test"),
                List.of(new PolicyCheck("spf", "DUNNO", "spf=pass (mailfrom=b@bounce.signed.test, ip=192.0.2.10)")),
                body.getBytes(StandardCharsets.UTF_8), "session-1");
    }

    private static PolicyVerdict accepted(String dmarcDetail, String folder) {
        return new PolicyVerdict(SmtpReply.OK, false, List.of(), List.of(new PolicyCheck("dmarc", "DUNNO", dmarcDetail)),
                folder);
    }

    @Test
    void thePolicyIsAskedWithTheDkimAndSpfResultsAndOurFieldGoesFirstWithForgedOnesRemoved() throws Exception {
        String signed = DkimVerifierTest.sign(DkimVerifierTest.MESSAGE, "signed.test", "sel1", key);
        String forged = "Authentication-Results: mx.yubin.test; dkim=pass header.d=bank.example\r\n" + signed;
        when(policy.check(any())).thenReturn(accepted("dmarc=pass (p=reject) header.from=signed.test; dkim aligned", null));

        Authentication outcome = authenticator.authenticate(message(forged));

        ArgumentCaptor<PolicyRequest> asked = ArgumentCaptor.forClass(PolicyRequest.class);
        verify(policy).check(asked.capture());
        PolicyRequest request = asked.getValue();
        assertThat(request.stage()).isEqualTo(Stage.DATA);
        assertThat(request.queueId()).isEqualTo("Q1");
        assertThat(request.sessionId()).isEqualTo("session-1");
        assertThat(request.headerFrom()).isEqualTo("alice@signed.test");
        assertThat(request.spfResult()).isEqualTo("pass");
        assertThat(request.spfDomain()).isEqualTo("bounce.signed.test");
        assertThat(request.dkim()).containsExactly(new DkimResult("signed.test", "sel1", "pass"));
        assertThat(request.size()).isEqualTo(forged.length());

        assertThat(outcome).isInstanceOf(Authentication.Accepted.class);
        Authentication.Accepted accepted = (Authentication.Accepted) outcome;
        String stored = new String(accepted.message(), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo("Authentication-Results: mx.yubin.test;\r\n"
                + "\tspf=pass smtp.mailfrom=b@bounce.signed.test;\r\n"
                + "\tdkim=pass header.d=signed.test header.s=sel1;\r\n"
                + "\tdmarc=pass (p=reject) header.from=signed.test\r\n" + signed);
        assertThat(accepted.folder()).isEmpty();
        assertThat(accepted.checks()).containsExactly(
                new CheckResult("spf", "pass", "smtp.mailfrom=b@bounce.signed.test"),
                new CheckResult("dkim", "pass", "header.d=signed.test header.s=sel1"),
                new CheckResult("dmarc", "pass", "p=reject"));
    }

    @Test
    void aTamperedMessageIsReportedAsDkimFail() throws Exception {
        String tampered = DkimVerifierTest.sign(DkimVerifierTest.MESSAGE, "signed.test", "sel1", key)
                .replace("this body is signed.", "this body is not.");
        when(policy.check(any())).thenReturn(accepted("dmarc=fail (p=none dis=none) header.from=signed.test", null));

        Authentication.Accepted accepted = (Authentication.Accepted) authenticator.authenticate(message(tampered));

        assertThat(new String(accepted.message(), StandardCharsets.UTF_8))
                .contains("\tdkim=fail header.d=signed.test header.s=sel1;\r\n")
                .contains("\tdmarc=fail (p=none dis=none) header.from=signed.test\r\n");
    }

    @Test
    void aDmarcRejectIsTheRefusalTheDecisionCarries() {
        SmtpReply reject = new SmtpReply(550, "5.7.1", "Message refused by policy");
        when(policy.check(any())).thenReturn(new PolicyVerdict(reject, false, List.of(), List.of(
                new PolicyCheck("dmarc", "REJECT", "dmarc=fail (p=reject dis=reject) header.from=signed.test; …"))));

        Authentication outcome = authenticator.authenticate(message(DkimVerifierTest.MESSAGE));

        assertThat(outcome).isInstanceOf(Authentication.Refused.class);
        assertThat(((Authentication.Refused) outcome).reply()).isEqualTo(reject);
        assertThat(((Authentication.Refused) outcome).reason()).contains("dmarc=fail (p=reject dis=reject)");
    }

    @Test
    void aQuarantineNamesTheFolder() {
        when(policy.check(any())).thenReturn(accepted("dmarc=fail (p=quarantine dis=quarantine) header.from=signed.test", "Junk"));

        Authentication.Accepted accepted = (Authentication.Accepted) authenticator.authenticate(message(DkimVerifierTest.MESSAGE));

        assertThat(accepted.folder()).contains("Junk");
    }

    @Test
    void noAnswerFromThePolicyServiceIs451AndNothingIsAccepted() {
        when(policy.check(any())).thenReturn(PolicyVerdict.UNAVAILABLE);

        Authentication outcome = authenticator.authenticate(message(DkimVerifierTest.MESSAGE));

        assertThat(outcome).isInstanceOf(Authentication.Refused.class);
        assertThat(((Authentication.Refused) outcome).reply().toString()).startsWith("451 4.3.0");
    }
}
