package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.envelope.Envelope;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RFC 5321 §5.1: which host gets the message, and that it arrives as it was. */
class RelayDeliveryIT extends RelayIntegrationTest {

    @Test
    void deliveredToTheMxByteForByteWithOurHeloAndOneEventPerStep() throws Exception {
        String domain = newDomain("mx");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx1." + domain).a("mx1." + domain, ip);
        TestMx mx = mx(ip);
        Envelope envelope = envelope("<alice@example.test>", "bob@" + domain, "carol@" + domain);
        byte[] message = message("via MX");

        relay(envelope, message);

        await().atMost(TIMEOUT).until(() -> mx.received.size() == 1);
        TestMx.Received received = mx.received.get(0);
        assertThat(received.from()).isEqualTo("alice@example.test");
        assertThat(received.recipients()).containsExactly("bob@" + domain, "carol@" + domain);
        assertThat(received.data()).isEqualTo(message); // dot-stuffed on the wire, unstuffed by the MX
        assertThat(received.helo()).isEqualTo("relay.yubin.test");
        String id = envelope.queueId().value();
        awaitEvent(id, "delivered", "carol@" + domain);
        List<JsonNode> bob = awaitEvent(id, "delivered", "bob@" + domain).stream()
                .filter(e -> e.get("recipient").asString().equals("bob@" + domain)).toList();
        assertThat(bob).extracting(e -> e.get("type").asString()).containsExactly("queued", "attempt", "delivered");
        JsonNode delivered = bob.get(2);
        assertThat(delivered.get("remoteHost").asString()).isEqualTo("mx1." + domain + "[" + ip + "]");
        assertThat(delivered.get("reply").asString()).startsWith("250");
        assertThat(delivered.get("attempt").asInt()).isEqualTo(1);
        assertThat(delivered.get("destination").asString()).isEqualTo(domain);
        assertThat(delivered.get("receivedAt").asString()).isEqualTo(envelope.receivedAt().toString());
    }

    @Test
    void everyAddressOfTheFirstMxIsTriedBeforeTheSecondMx() throws Exception {
        String domain = newDomain("fallback");
        String refusing = newAddress(); // nothing listens there: connection refused
        String first = newAddress();
        String second = newAddress();
        DNS.mx(domain, 10, "mx1." + domain).a("mx1." + domain, refusing).a("mx1." + domain, first)
                .mx(domain, 20, "mx2." + domain).a("mx2." + domain, second);
        TestMx preferred = mx(first);
        TestMx backup = mx(second);

        relay(envelope("<alice@example.test>", "bob@" + domain), message("fallback within MX 10"));

        await().atMost(TIMEOUT).until(() -> preferred.received.size() == 1);
        assertThat(backup.received).isEmpty();
    }

    @Test
    void nextMxTakesTheMessageWhenTheFirstRefusesConnections() throws Exception {
        String domain = newDomain("pref");
        String refusing = newAddress();
        String backupIp = newAddress();
        DNS.mx(domain, 5, "mx1." + domain).a("mx1." + domain, refusing)
                .mx(domain, 50, "mx2." + domain).a("mx2." + domain, backupIp);
        TestMx backup = mx(backupIp);

        relay(envelope("<alice@example.test>", "bob@" + domain), message("to the backup MX"));

        await().atMost(TIMEOUT).until(() -> backup.received.size() == 1);
    }

    @Test
    void domainWithoutMxIsItsOwnMx() throws Exception {
        String domain = newDomain("implicit");
        String ip = newAddress();
        DNS.a(domain, ip);
        TestMx implicit = mx(ip);

        relay(envelope("<alice@example.test>", "bob@" + domain), message("implicit MX"));

        await().atMost(TIMEOUT).until(() -> implicit.received.size() == 1);
        assertThat(implicit.received.get(0).recipients()).containsExactly("bob@" + domain);
    }

    @Test
    void startTlsIsUsedWhenTheMxOffersIt() throws Exception {
        String domain = newDomain("tls");
        String ip = newAddress();
        DNS.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        TestMx tls = mx(ip, new TestMx().startTls());

        relay(envelope("<alice@example.test>", "bob@" + domain), message("over TLS"));

        await().atMost(TIMEOUT).until(() -> tls.received.size() == 1);
        assertThat(tls.received.get(0).tls()).isTrue(); // a self-signed certificate: opportunistic TLS takes it
    }
}
