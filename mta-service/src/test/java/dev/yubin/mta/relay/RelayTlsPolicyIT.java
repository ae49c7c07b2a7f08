package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.smtp.server.fixtures.SelfSignedCertificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code yubin.relay.tls-policy} through the whole relay (Kafka, DNS, real MX servers): a domain
 * whose policy requires TLS is deferred while its MX cannot give it, with the reason in the
 * event, is never sent in clear text meanwhile, and is delivered by the retry once the MX can.
 * The two policy domains and the trust bundle are set in {@link RelayIntegrationTest}.
 */
class RelayTlsPolicyIT extends RelayIntegrationTest {

    @Test
    void encryptDomainIsDeferredWhileItsMxOffersNoStartTlsAndDeliveredOverTlsOnceItDoes() throws Exception {
        String ip = newAddress();
        String recipient = "bob@" + ENCRYPT_DOMAIN;
        DNS.mx(ENCRYPT_DOMAIN, 10, "mx." + ENCRYPT_DOMAIN).a("mx." + ENCRYPT_DOMAIN, ip);
        TestMx plain = new TestMx().start(ip, MX_PORT);
        Envelope envelope = envelope("<alice@example.test>", recipient);
        String id = envelope.queueId().value();

        try {
            relay(envelope, message("encrypted or not at all"));

            JsonNode deferred = last(awaitEvent(id, "deferred", recipient), "deferred");
            assertThat(deferred.get("reply").asString()).startsWith("451 4.7.4")
                    .contains("does not offer STARTTLS").contains("encrypt for " + ENCRYPT_DOMAIN);
            assertThat(plain.sessions.get()).isPositive();
        } finally {
            plain.close();
        }
        assertThat(plain.received).as("nothing in clear text").isEmpty();

        TestMx tls = mx(ip, new TestMx().startTls());
        await().atMost(TIMEOUT).until(() -> tls.received.size() == 1);
        assertThat(tls.received.get(0).tls()).isTrue();
        JsonNode delivered = last(awaitEvent(id, "delivered", recipient), "delivered");
        assertThat(delivered.get("attempt").asInt()).isGreaterThan(1);
    }

    @Test
    void verifyDomainIsDeferredWhileItsMxShowsAnUntrustedCertificateAndDeliveredOnceItShowsTheTrustedOne() throws Exception {
        String ip = newAddress();
        String mxName = "mx." + VERIFY_DOMAIN;
        String recipient = "carol@" + VERIFY_DOMAIN;
        DNS.mx(VERIFY_DOMAIN, 10, mxName).a(mxName, ip);
        // the right name, but not the certificate the trust bundle holds: a stand-in for the MX
        TestMx impostor = new TestMx().startTls(SelfSignedCertificate.create(mxName)).start(ip, MX_PORT);
        Envelope envelope = envelope("<alice@example.test>", recipient);
        String id = envelope.queueId().value();

        try {
            relay(envelope, message("verified or not at all"));

            JsonNode deferred = last(awaitEvent(id, "deferred", recipient), "deferred");
            assertThat(deferred.get("reply").asString()).startsWith("451 4.7.5")
                    .contains("verify for " + VERIFY_DOMAIN).contains("allows no clear text");
        } finally {
            impostor.close();
        }
        assertThat(impostor.received).as("nothing to the impostor, nothing in clear text").isEmpty();

        TestMx genuine = mx(ip, new TestMx().startTls(VERIFIED_MX));
        await().atMost(TIMEOUT).until(() -> genuine.received.size() == 1);
        assertThat(genuine.received.get(0).tls()).isTrue();
        awaitEvent(id, "delivered", recipient);
    }

    private static JsonNode last(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asString().equals(type)).reduce((a, b) -> b).orElseThrow();
    }
}
