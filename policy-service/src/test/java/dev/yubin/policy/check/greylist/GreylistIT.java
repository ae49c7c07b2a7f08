package dev.yubin.policy.check.greylist;

import static dev.yubin.policy.support.Decisions.detail;
import static dev.yubin.policy.support.Decisions.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.ChecksIT;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Greylisting at RCPT with the defaults (5 min delay, 2 d retry window, auto-allow after 5 passes). */
@ChecksIT
class GreylistIT {

    private static final AtomicInteger NETWORKS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Decisions decisions;
    String bob;
    /** A /24 of this test's own, so that passes of other tests do not auto-allow it. */
    String network;

    @BeforeEach
    void setUp() {
        decisions = new Decisions(port);
        Api admin = Api.onPort(port);
        String domain = Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
        bob = "bob@" + domain;
        admin.post("/api/v1/accounts", Map.of("address", bob, "password", "password of bob"));
        network = "198.18.2" + NETWORKS.incrementAndGet() + ".";
    }

    private JsonNode rcpt(String client, String sender, String recipient) {
        return decisions.rcpt(client, sender, recipient);
    }

    @Test
    void firstTryAndEarlyRetryAreDeferredALaterRetryPassesAndTheTripletThenPassesAtOnce() {
        JsonNode first = rcpt(network + "10", "<alice@remote.example>", bob);
        assertThat(first.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(reply(first)).isEqualTo("451 4.7.1 Greylisted, try again later");
        assertThat(detail(first, "greylist")).contains("first attempt");

        clock.advance(Duration.ofMinutes(2));
        JsonNode early = rcpt(network + "10", "<alice@remote.example>", bob);
        assertThat(reply(early)).startsWith("451 4.7.1");
        assertThat(detail(early, "greylist")).contains("before the delay");

        // The retry after the delay may come from another address of the same /24, as big senders do.
        clock.advance(Duration.ofMinutes(4));
        JsonNode retry = rcpt(network + "11", "<Alice@Remote.example>", bob);
        assertThat(retry.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(reply(retry)).startsWith("250 2.1.5");
        assertThat(detail(retry, "greylist")).contains("passed");

        clock.advance(Duration.ofHours(3));
        JsonNode later = rcpt(network + "10", "<alice@remote.example>", bob);
        assertThat(later.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(detail(later, "greylist")).contains("passed greylisting at");

        JsonNode log = decisions.log(network + "10");
        assertThat(log.findValuesAsString("action")).containsExactly("ACCEPT", "TEMPFAIL", "TEMPFAIL");
    }

    @Test
    void aRetryAfterTheRetryWindowStartsAgain() {
        rcpt(network + "20", "<carol@remote.example>", bob);
        clock.advance(Duration.ofDays(3));
        JsonNode tooLate = rcpt(network + "20", "<carol@remote.example>", bob);
        assertThat(tooLate.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(detail(tooLate, "greylist")).contains("past the retry window");
        clock.advance(Duration.ofMinutes(6));
        assertThat(rcpt(network + "20", "<carol@remote.example>", bob).get("action").asString()).isEqualTo("ACCEPT");
    }

    @Test
    void unknownRecipientsForeignDomainsAndSubmissionsAreNotGreylisted() {
        JsonNode unknown = rcpt(network + "30", "<dave@remote.example>", "nobody@" + bob.substring(4));
        assertThat(reply(unknown)).startsWith("550 5.1.1");
        assertThat(detail(unknown, "greylist")).contains("reaches nobody");

        JsonNode foreign = rcpt(network + "30", "<dave@remote.example>", "someone@elsewhere.example");
        assertThat(reply(foreign)).startsWith("554 5.7.1");

        JsonNode submission = decisions.ask(Map.of("stage", "RCPT", "clientAddress", network + "30",
                "sender", "<" + bob + ">", "recipient", bob, "saslUsername", bob));
        assertThat(submission.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(submission.get("checks").findValuesAsString("name")).doesNotContain("greylist");
    }

    @Test
    void aNetworkThatPassedFiveTimesIsNoLongerGreylisted() {
        for (int i = 1; i <= 5; i++) {
            String sender = "<sender" + i + "@remote.example>";
            rcpt(network + "40", sender, bob);
            clock.advance(Duration.ofMinutes(6));
            assertThat(rcpt(network + "40", sender, bob).get("action").asString()).as("pass " + i)
                    .isEqualTo("ACCEPT");
        }
        JsonNode newcomer = rcpt(network + "41", "<someone.new@remote.example>", bob);
        assertThat(newcomer.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(detail(newcomer, "greylist")).contains("passed 5 times");
    }
}
