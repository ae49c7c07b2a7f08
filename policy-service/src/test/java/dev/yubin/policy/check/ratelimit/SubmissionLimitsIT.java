package dev.yubin.policy.check.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.ControlledClock;
import dev.yubin.policy.support.MutableClock;
import dev.yubin.policy.support.PolicyServiceIT;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Per-account limits: recipients per message at RCPT (452 4.5.3) and messages per hour at DATA
 * (450 4.7.1), with the defaults (100, 200) or the account's own; the MTA's inbound path is never
 * limited here.
 */
@PolicyServiceIT
@ControlledClock
class SubmissionLimitsIT {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    Api admin;
    Api msa;
    String domain;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        msa = admin.withToken(Api.INTERNAL_TOKEN);
        domain = Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
    }

    @Test
    void limitsAreOptionalOnCreationShownAndReplacedByPut() {
        Response plain = admin.post("/api/v1/accounts", Map.of("address", "plain@" + domain, "password", "password!"));
        assertThat(plain.json().get("maxMessagesPerHour").isNull()).isTrue();
        assertThat(plain.json().get("maxRecipientsPerMessage").isNull()).isTrue();

        Response limited = admin.post("/api/v1/accounts", Map.of("address", "limited@" + domain,
                "password", "password!", "maxMessagesPerHour", 10, "maxRecipientsPerMessage", 5));
        assertThat(limited.status()).isEqualTo(201);
        assertThat(limited.json().get("maxMessagesPerHour").asInt()).isEqualTo(10);
        assertThat(admin.get("/api/v1/accounts/limited@" + domain).json().get("maxRecipientsPerMessage").asInt())
                .isEqualTo(5);

        Response put = admin.put("/api/v1/accounts/plain@" + domain + "/limits",
                Map.of("maxMessagesPerHour", 0, "maxRecipientsPerMessage", 7));
        assertThat(put.status()).isEqualTo(204);
        JsonNode shown = admin.get("/api/v1/accounts/plain@" + domain).json();
        assertThat(shown.get("maxMessagesPerHour").asInt()).isZero();
        assertThat(shown.get("maxRecipientsPerMessage").asInt()).isEqualTo(7);

        // PUT replaces both: what is left out goes back to the default.
        assertThat(admin.put("/api/v1/accounts/plain@" + domain + "/limits", Map.of("maxRecipientsPerMessage", 8))
                .status()).isEqualTo(204);
        shown = admin.get("/api/v1/accounts/plain@" + domain).json();
        assertThat(shown.get("maxMessagesPerHour").isNull()).isTrue();
        assertThat(shown.get("maxRecipientsPerMessage").asInt()).isEqualTo(8);
    }

    @Test
    void badLimitsAre400AndUnknownAccounts404() {
        createAccount("erin", null, null);
        Response negative = admin.put("/api/v1/accounts/erin@" + domain + "/limits", Map.of("maxMessagesPerHour", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.isProblem()).isTrue();
        assertThat(admin.post("/api/v1/accounts", Map.of("address", "frank@" + domain, "password", "password!",
                "maxRecipientsPerMessage", -5)).status()).isEqualTo(400);
        assertThat(admin.put("/api/v1/accounts/nobody@" + domain + "/limits", Map.of()).status()).isEqualTo(404);
        assertThat(msa.put("/api/v1/accounts/erin@" + domain + "/limits", Map.of()).status()).isEqualTo(403);
    }

    @Test
    void recipientOverTheAccountLimitIs452() {
        String user = createAccount("alice", null, 3);
        JsonNode third = rcpt(user, "friend@remote.example", 3);
        assertThat(third.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(third.get("recipients").get(0).get("address").asString()).isEqualTo("friend@remote.example");

        JsonNode fourth = rcpt(user, "friend@remote.example", 4);
        assertThat(fourth.get("action").asString()).isEqualTo("TEMPFAIL");
        assertThat(fourth.get("smtpCode").asInt()).isEqualTo(452);
        assertThat(fourth.get("enhancedCode").asString()).isEqualTo("4.5.3");
        assertThat(fourth.get("checks").get(0).get("detail").asString())
                .isEqualTo(user + ": recipient 4 of this message is over the account limit of 3");
    }

    @Test
    void recipientOverTheDefaultLimitIs452() {
        String user = createAccount("bob", null, null);
        assertThat(rcpt(user, user, 100).get("smtpCode").asInt()).isEqualTo(250);
        JsonNode over = rcpt(user, user, 101);
        assertThat(over.get("smtpCode").asInt()).isEqualTo(452);
        assertThat(over.get("checks").get(0).get("detail").asString()).contains("default limit of 100");
    }

    @Test
    void inboundRecipientsAreNotLimitedHere() {
        String user = createAccount("carol", 1, 1);
        JsonNode inbound = rcpt(null, user, 5000);
        assertThat(inbound.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(inbound.get("recipients").get(0).get("address").asString()).isEqualTo(user);
        for (int i = 0; i < 5; i++) {
            assertThat(data(null, user).get("smtpCode").asInt()).isEqualTo(250);
        }
    }

    @Test
    void messagesOverTheHourlyLimitAre450() {
        String user = createAccount("dave", 3, null);
        for (int i = 1; i <= 3; i++) {
            JsonNode accepted = data(user, user);
            assertThat(accepted.get("action").asString()).as("message " + i).isEqualTo("ACCEPT");
            assertThat(accepted.get("smtpCode").asInt()).isEqualTo(250);
        }
        for (int i = 4; i <= 5; i++) {
            JsonNode refused = data(user, user);
            assertThat(refused.get("action").asString()).as("message " + i).isEqualTo("TEMPFAIL");
            assertThat(refused.get("smtpCode").asInt()).isEqualTo(450);
            assertThat(refused.get("enhancedCode").asString()).isEqualTo("4.7.1");
            assertThat(refused.get("message").asString()).isEqualTo("Message rate limit exceeded, try later");
            assertThat(check(refused, "message-rate")).startsWith("over the limit: " + user + ": 3 messages this hour")
                    .endsWith("account limit 3 per hour");
        }
        // Two hours on, nothing of this hour weighs in any more.
        clock.advance(Duration.ofHours(2));
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(250);
    }

    @Test
    void theHourSlidesThePreviousHourWeighsInByWhatItStillCovers() {
        String user = createAccount("gina", 4, null);
        Instant now = clock.instant();
        clock.advance(Duration.between(now, now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(90))));
        for (int i = 1; i <= 4; i++) {
            assertThat(data(user, user).get("smtpCode").asInt()).as("message " + i).isEqualTo(250);
        }
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(450);

        // Half past the next hour: half of the 4 still counts, so 2 more fit.
        clock.advance(Duration.ofHours(1));
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(250);
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(250);
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(450);
    }

    @Test
    void zeroStopsTheAccountsSubmissions() {
        String user = createAccount("hank", 0, null);
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(450);
    }

    @Test
    void aMessageRefusedForItsFromIsNotCounted() {
        String user = createAccount("ivan", 1, null);
        assertThat(data(user, "someone@remote.example").get("smtpCode").asInt()).isEqualTo(550);
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(250);
        assertThat(data(user, user).get("smtpCode").asInt()).isEqualTo(450);
    }

    private String createAccount(String local, Integer maxMessagesPerHour, Integer maxRecipientsPerMessage) {
        Map<String, Object> body = new HashMap<>(Map.of("address", local + "@" + domain, "password", "password!"));
        if (maxMessagesPerHour != null) {
            body.put("maxMessagesPerHour", maxMessagesPerHour);
        }
        if (maxRecipientsPerMessage != null) {
            body.put("maxRecipientsPerMessage", maxRecipientsPerMessage);
        }
        Response created = admin.post("/api/v1/accounts", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return local + "@" + domain;
    }

    private JsonNode rcpt(String saslUsername, String recipient, int recipientCount) {
        Map<String, Object> request = new HashMap<>(Map.of("stage", "RCPT", "clientAddress", "192.0.2.1",
                "sender", "<sender@" + domain + ">", "recipient", "<" + recipient + ">",
                "recipientCount", recipientCount));
        if (saslUsername != null) {
            request.put("saslUsername", saslUsername);
        }
        return msa.post("/api/v1/policy/check", request).json();
    }

    private JsonNode data(String saslUsername, String headerFrom) {
        Map<String, Object> request = new HashMap<>(Map.of("stage", "DATA", "clientAddress", "192.0.2.1",
                "headerFrom", headerFrom));
        if (saslUsername != null) {
            request.put("saslUsername", saslUsername);
            request.put("sender", "<" + saslUsername + ">");
        }
        return msa.post("/api/v1/policy/check", request).json();
    }

    private static String check(JsonNode decision, String name) {
        for (JsonNode check : decision.get("checks")) {
            if (check.get("name").asString().equals(name)) {
                return check.get("detail").asString();
            }
        }
        throw new AssertionError("no check " + name + " in " + decision);
    }
}
