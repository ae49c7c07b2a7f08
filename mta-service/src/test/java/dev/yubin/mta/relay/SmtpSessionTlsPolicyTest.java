package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.smtp.server.fixtures.SelfSignedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The per-domain TLS policy of the relay's client against real SubEthaSMTP servers with STARTTLS
 * (self-signed certificates made for the test) on 127.0.0.1: what each mode accepts, and that a
 * required TLS never turns into clear text.
 */
class SmtpSessionTlsPolicyTest {

    private static final String MX_NAME = "mx.partner.test";
    private static final SelfSignedCertificate TRUSTED = SelfSignedCertificate.create(MX_NAME);
    private static final byte[] MESSAGE = "Subject: policy\r\n\r\nHello\r\n".getBytes(StandardCharsets.UTF_8);

    private final List<TestMx> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestMx::close);
    }

    @Test
    void encryptTakesASelfSignedCertificateAndIgnoresTryTlsFalse() throws Exception {
        Remote mx = mx(new TestMx().startTls(SelfSignedCertificate.create("someone-else.test")));

        // tryTls=false is what the worker passes after a failed handshake; a required TLS ignores it
        deliver(policy("partner.test", TlsPolicy.Mode.ENCRYPT), mx, false);

        assertThat(mx.server().received).singleElement().satisfies(r -> assertThat(r.tls()).isTrue());
    }

    @Test
    void encryptWithAnMxThatOffersNoStartTlsIsATemporaryFailureWithoutAnyMessageSent() throws Exception {
        Remote mx = mx(new TestMx());

        SmtpSession.OpenFailure failure = refused(
                () -> open(policy("partner.test", TlsPolicy.Mode.ENCRYPT), mx, true));

        assertThat(failure.reply().code()).isEqualTo(451);
        assertThat(failure.reply().status()).isEqualTo("4.7.4");
        assertThat(failure.reply().text()).contains("does not offer STARTTLS").contains("encrypt for partner.test");
        assertThat(failure.tls()).as("no clear-text retry").isFalse();
        assertThat(mx.server().sessions.get()).isEqualTo(1);
        assertThat(mx.server().received).isEmpty();
    }

    @Test
    void verifyRefusesACertificateTheTrustStoreDoesNotHold() throws Exception {
        Remote mx = mx(new TestMx().startTls(SelfSignedCertificate.create(MX_NAME)));

        SmtpSession.OpenFailure failure = refused(
                () -> open(policy("partner.test", TlsPolicy.Mode.VERIFY), mx, true));

        assertThat(failure.reply().code()).isEqualTo(451);
        assertThat(failure.reply().status()).isEqualTo("4.7.5");
        assertThat(failure.reply().text()).contains("verify for partner.test").contains("allows no clear text");
        assertThat(failure.tls()).as("no clear-text retry").isFalse();
        assertThat(mx.server().received).isEmpty();
    }

    @Test
    void verifyAcceptsACertificateFromTheTrustStoreThatNamesTheMx() throws Exception {
        Remote mx = mx(new TestMx().startTls(TRUSTED));

        deliver(policy("partner.test", TlsPolicy.Mode.VERIFY), mx, true);

        assertThat(mx.server().received).singleElement().satisfies(r -> assertThat(r.tls()).isTrue());
    }

    @Test
    void verifyRefusesATrustedCertificateForAnotherHostName() throws Exception {
        Remote mx = mx(new TestMx().startTls(TRUSTED));

        SmtpSession.OpenFailure failure = refused(
                () -> SmtpSession.open("partner.test", "mx2.partner.test", InetAddress.getLoopbackAddress(), mx.port(),
                        settings(policy("partner.test", TlsPolicy.Mode.VERIFY)), true));

        assertThat(failure.reply().status()).isEqualTo("4.7.5");
        assertThat(failure.tls()).isFalse();
        assertThat(mx.server().received).isEmpty();
    }

    @Test
    void withoutAnEntryTlsIsOpportunisticAnyCertificateAndAFailedHandshakeMayBeRetriedInClearText() throws Exception {
        Remote selfSigned = mx(new TestMx().startTls(SelfSignedCertificate.create("whatever.test")));
        TlsPolicy onlyOthers = policy("other.test", TlsPolicy.Mode.VERIFY);

        deliver(onlyOthers, selfSigned, true);

        assertThat(selfSigned.server().received).singleElement().satisfies(r -> assertThat(r.tls()).isTrue());
        assertThat(onlyOthers.modeFor("Other.TEST")).isEqualTo(TlsPolicy.Mode.VERIFY);
        assertThat(onlyOthers.modeFor("partner.test")).isEqualTo(TlsPolicy.Mode.MAY);
    }

    @Test
    void opportunisticHandshakeFailureIsFlaggedForTheClearTextRetry() throws Exception {
        // a server that says 220 to STARTTLS and then speaks no TLS: the handshake fails
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread script = new Thread(() -> {
                try (var socket = server.accept()) {
                    var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                    var out = socket.getOutputStream();
                    out.write("220 mx ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                    in.readLine();
                    out.write("250-mx\r\n250 STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                    in.readLine();
                    out.write("220 go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.write("this is not a TLS server hello\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    in.readLine();
                } catch (IOException ignored) {
                    // the client hung up
                }
            });
            script.start();

            SmtpSession.OpenFailure failure = refused(
                    () -> SmtpSession.open("partner.test", MX_NAME, InetAddress.getLoopbackAddress(), server.getLocalPort(),
                            settings(TlsPolicy.opportunistic()), true));

            assertThat(failure.tls()).isTrue();
            assertThat(failure.reply().status()).isEqualTo("4.4.2");
            script.join(5000);
        }
    }

    @Test
    void noneNeverStartsTlsEvenWhenOffered() throws Exception {
        Remote mx = mx(new TestMx().startTls(TRUSTED));

        deliver(policy("partner.test", TlsPolicy.Mode.NONE), mx, true);

        assertThat(mx.server().received).singleElement().satisfies(r -> assertThat(r.tls()).isFalse());
    }

    @Test
    void domainsWithDotsBindFromProperties() {
        Map<String, String> properties = Map.of(
                "yubin.relay.tls-policy.partner.example.com", "verify",
                "yubin.relay.tls-policy[bank.example]", "encrypt",
                "yubin.relay.tls-trust-bundle", "relay-trust");

        RelayProperties relay = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("yubin.relay", RelayProperties.class);

        assertThat(relay.tlsPolicy()).containsEntry("partner.example.com", TlsPolicy.Mode.VERIFY)
                .containsEntry("bank.example", TlsPolicy.Mode.ENCRYPT);
        assertThat(relay.tlsTrustBundle()).isEqualTo("relay-trust");
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of("yubin.relay.smtp-port", "25")))
                .bindOrCreate("yubin.relay", RelayProperties.class).tlsTrustBundle()).isEmpty();
    }

    @Test
    void aNamedTrustBundleThatDoesNotExistStopsTheStart() {
        RelayProperties relay = new Binder(new MapConfigurationPropertySource(Map.of("yubin.relay.tls-trust-bundle", "missing")))
                .bindOrCreate("yubin.relay", RelayProperties.class);

        assertThatThrownBy(() -> TlsPolicy.of(relay, new org.springframework.boot.ssl.DefaultSslBundleRegistry()))
                .hasMessageContaining("missing");
    }

    /** A started test MX and its port. */
    private record Remote(TestMx server, int port) {}

    private Remote mx(TestMx configured) {
        int port = freePort();
        servers.add(configured.start("127.0.0.1", port));
        return new Remote(configured, port);
    }

    /** The failure of a session that must not open. */
    private static SmtpSession.OpenFailure refused(ThrowingCallable open) {
        SmtpSession.OpenFailure failure = catchThrowableOfType(SmtpSession.OpenFailure.class, open);
        assertThat(failure).as("the session must not open").isNotNull();
        return failure;
    }

    private static SmtpSession open(TlsPolicy policy, Remote mx, boolean tryTls) throws SmtpSession.OpenFailure {
        return SmtpSession.open("partner.test", MX_NAME, InetAddress.getLoopbackAddress(), mx.port(), settings(policy), tryTls);
    }

    private static void deliver(TlsPolicy policy, Remote mx, boolean tryTls) throws SmtpSession.OpenFailure {
        SmtpSession session = open(policy, mx, tryTls);
        List<RecipientResult> results = session.send(envelope(), MESSAGE);
        session.quit();
        assertThat(results).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RecipientResult.Status.DELIVERED));
    }

    private static SmtpSession.Settings settings(TlsPolicy policy) {
        return new SmtpSession.Settings("relay.example.org", Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), policy);
    }

    /** Only {@link #TRUSTED} is in the trust store. */
    private static TlsPolicy policy(String domain, TlsPolicy.Mode mode) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("trusted", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(TRUSTED.certificatePem().getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            TrustManager[] trust = factory.getTrustManagers();
            return TlsPolicy.of(Map.of(domain, mode), trust);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Envelope envelope() {
        return new Envelope(new QueueIdGenerator().next(), ReversePath.parse("<alice@example.org>"),
                List.of(Recipient.of(MailAddress.parse("bob@partner.test"))),
                "192.0.2.1", "", "client", Optional.empty(), Instant.now(), List.of());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
