package dev.yubin.policy.check.ratelimit;

import static dev.yubin.policy.support.Decisions.detail;
import static dev.yubin.policy.support.Decisions.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.ChecksIT;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Connections per client and sliding minute, at most {@value ChecksIT#CONNECTIONS_PER_MINUTE} here. */
@ChecksIT
class ConnectionRateIT {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Decisions decisions;

    @BeforeEach
    void setUp() {
        decisions = new Decisions(port);
    }

    @Test
    void clientOverTheRateIsToldToComeBackAndGetsInAfterAWhile() {
        String client = "198.18.1.1";
        for (int i = 1; i <= ChecksIT.CONNECTIONS_PER_MINUTE; i++) {
            assertThat(decisions.connect(client).get("action").asString()).as("connection " + i).isEqualTo("ACCEPT");
        }
        JsonNode over = decisions.connect(client);
        assertThat(over.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(reply(over)).isEqualTo("421 4.7.0 Too many connections, try again later");
        assertThat(detail(over, "connection-rate")).contains("198.18.1.1/32", "limit 5 per minute");

        // Another client is not affected.
        assertThat(decisions.connect("198.18.1.2").get("action").asString()).isEqualTo("ACCEPT");

        clock.advance(Duration.ofMinutes(2));
        assertThat(decisions.connect(client).get("action").asString()).isEqualTo("ACCEPT");
    }

    @Test
    void anIpv6SiteCountsAsOneClient() {
        for (int i = 1; i <= ChecksIT.CONNECTIONS_PER_MINUTE; i++) {
            decisions.connect("2001:db8:18:1::" + Integer.toHexString(i));
        }
        JsonNode over = decisions.connect("2001:db8:18:1::ffff");
        assertThat(over.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(detail(over, "connection-rate")).contains("2001:db8:18:1:0:0:0:0/64");
    }
}
