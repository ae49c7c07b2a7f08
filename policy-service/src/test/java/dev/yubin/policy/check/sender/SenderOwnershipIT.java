package dev.yubin.policy.check.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** MAIL FROM and header From: of authenticated submissions, as the msa asks; the MTA's inbound path unaffected. */
@PolicyServiceIT
class SenderOwnershipIT {

    @LocalServerPort
    int port;

    Api admin;
    Api msa;
    String domain;
    String alice;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        msa = admin.withToken(Api.INTERNAL_TOKEN);
        domain = Api.uniqueDomain();
        alice = "alice@" + domain;
        admin.post("/api/v1/domains", Map.of("name", domain));
        for (String user : List.of("alice", "bob", "carol")) {
            admin.post("/api/v1/accounts", Map.of("address", user + "@" + domain, "password", "password " + user));
        }
        alias("team", "alice@" + domain, "Bob@" + domain, "partner@remote.example");
        alias("all", "team@" + domain, "carol@" + domain);
        alias("bobs", "bob@" + domain);
    }

    @Test
    void ownAddressIsAcceptedWhateverItsCase() {
        for (String sender : List.of("<" + alice + ">", "ALICE@" + domain.toUpperCase(), alice)) {
            JsonNode decision = mail(sender, alice);
            assertThat(decision.get("action").asString()).as(sender).isEqualTo("ACCEPT");
            assertThat(decision.get("smtpCode").asInt()).isEqualTo(250);
            assertThat(decision.get("enhancedCode").asString()).isEqualTo("2.1.0");
            assertThat(check(decision, "sender-ownership")).contains("own address");
        }
    }

    @Test
    void anAliasWhoseExpansionIncludesTheAccountIsOwned() {
        assertThat(mail("<team@" + domain + ">", alice).get("smtpCode").asInt()).isEqualTo(250);
        assertThat(mail("<team@" + domain + ">", "bob@" + domain).get("smtpCode").asInt()).isEqualTo(250);
        // Through another alias, too.
        JsonNode nested = mail("<all@" + domain + ">", alice);
        assertThat(nested.get("smtpCode").asInt()).isEqualTo(250);
        assertThat(check(nested, "sender-ownership")).contains("alias all@" + domain + " reaches " + alice);
    }

    @Test
    void someoneElsesAddressIs553() {
        for (String sender : List.of("<bob@" + domain + ">", "<bobs@" + domain + ">", "<partner@remote.example>",
                "<nobody@" + domain + ">", "<alice@remote.example>")) {
            JsonNode decision = mail(sender, alice);
            assertThat(decision.get("action").asString()).as(sender).isEqualTo("REJECT");
            assertThat(decision.get("smtpCode").asInt()).isEqualTo(553);
            assertThat(decision.get("enhancedCode").asString()).isEqualTo("5.7.1");
            // The client gets the generic text; the decision log the reason.
            assertThat(decision.get("message").asString())
                    .isEqualTo("Sender address not owned by the authenticated user");
            assertThat(check(decision, "sender-ownership")).startsWith(alice + " may not send as");
        }
        assertThat(check(mail("<bobs@" + domain + ">", alice), "sender-ownership"))
                .endsWith("alias bobs@" + domain + " does not reach " + alice);
    }

    @Test
    void nullSenderIs553OnSubmission() {
        for (String sender : List.of("<>", "")) {
            JsonNode decision = mail(sender, alice);
            assertThat(decision.get("smtpCode").asInt()).as(sender).isEqualTo(553);
            assertThat(decision.get("enhancedCode").asString()).isEqualTo("5.7.1");
            assertThat(check(decision, "sender-ownership")).contains("null sender");
        }
    }

    @Test
    void inboundMailWithoutSaslUsernameIsUnaffected() {
        for (String sender : List.of("<>", "<" + alice + ">", "<someone@remote.example>")) {
            JsonNode decision = mail(sender, null);
            assertThat(decision.get("action").asString()).as(sender).isEqualTo("ACCEPT");
            assertThat(decision.get("smtpCode").asInt()).isEqualTo(250);
            // The submission checks do not even appear in an inbound decision.
            assertThat(decision.get("checks").findValuesAsString("name")).doesNotContain("sender-ownership");
        }
        JsonNode inboundData = data("someone@remote.example", null);
        assertThat(inboundData.get("smtpCode").asInt()).isEqualTo(250);
        assertThat(inboundData.get("checks").findValuesAsString("name"))
                .doesNotContain("from-ownership", "message-rate");
    }

    @Test
    void headerFromNotOwnedIs550AfterData() {
        JsonNode decision = data("bob@" + domain, alice);
        assertThat(decision.get("action").asString()).isEqualTo("REJECT");
        assertThat(decision.get("smtpCode").asInt()).isEqualTo(550);
        assertThat(decision.get("enhancedCode").asString()).isEqualTo("5.7.1");
        assertThat(check(decision, "from-ownership")).startsWith(alice + " may not write From: bob@" + domain);

        assertThat(data("someone@remote.example", alice).get("smtpCode").asInt()).isEqualTo(550);
        assertThat(data("not an address", alice).get("smtpCode").asInt()).isEqualTo(550);
    }

    @Test
    void headerFromOwnedIsAccepted() {
        for (String from : List.of(alice, "team@" + domain, "Alice Example <ALICE@" + domain + ">")) {
            JsonNode decision = data(from, alice);
            assertThat(decision.get("action").asString()).as(from).isEqualTo("ACCEPT");
            assertThat(decision.get("smtpCode").asInt()).isEqualTo(250);
        }
        // No From: address given: nothing to compare, the msa decides.
        assertThat(data(null, alice).get("smtpCode").asInt()).isEqualTo(250);
    }

    @Test
    void refusalsAreInTheDecisionLog() {
        String client = "2001:db8:5e::" + Integer.toHexString(domain.hashCode() & 0xffff);
        Map<String, Object> request = new HashMap<>(Map.of("stage", "MAIL", "clientAddress", client,
                "sender", "<bob@" + domain + ">", "saslUsername", alice));
        msa.post("/api/v1/policy/check", request);
        JsonNode entry = admin.get("/api/v1/decisions?clientAddress=" + client).json().get(0);
        assertThat(entry.get("sender").asString()).isEqualTo("<bob@" + domain + ">");
        assertThat(entry.get("action").asString()).isEqualTo("REJECT");
        assertThat(entry.get("username").asString()).isEqualTo(alice);
        assertThat(entry.get("checks").get(0).get("detail").asString())
                .isEqualTo(alice + " may not send as bob@" + domain + ": bob@" + domain + " is neither " + alice
                        + " nor an alias");
    }

    @Test
    void sendersListsTheOwnAddressThenEveryAliasThatReachesTheAccount() {
        Response response = msa.get("/api/v1/accounts/Alice@" + domain + "/senders");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("address").asString()).isEqualTo(alice);
        assertThat(response.json().get("senders").valueStream().map(JsonNode::asString).toList())
                .containsExactly(alice, "all@" + domain, "team@" + domain);

        assertThat(admin.get("/api/v1/accounts/bob@" + domain + "/senders").json().get("senders").valueStream()
                .map(JsonNode::asString).toList())
                .containsExactly("bob@" + domain, "all@" + domain, "bobs@" + domain, "team@" + domain);
        assertThat(admin.get("/api/v1/accounts/carol@" + domain + "/senders").json().get("senders").valueStream()
                .map(JsonNode::asString).toList())
                .containsExactly("carol@" + domain, "all@" + domain);
    }

    @Test
    void sendersOfAnUnknownAccountIs404AndNeedsAToken() {
        Response unknown = msa.get("/api/v1/accounts/nobody@" + domain + "/senders");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
        assertThat(msa.get("/api/v1/accounts/team@" + domain + "/senders").status()).isEqualTo(404);
        assertThat(admin.withToken(null).get("/api/v1/accounts/" + alice + "/senders").status()).isEqualTo(401);
        // The internal token reaches the senders, not the account itself.
        assertThat(msa.get("/api/v1/accounts/" + alice).status()).isEqualTo(403);
    }

    private JsonNode mail(String sender, String saslUsername) {
        Map<String, Object> request = new HashMap<>(Map.of("stage", "MAIL", "clientAddress", "192.0.2.1",
                "sender", sender));
        if (saslUsername != null) {
            request.put("saslUsername", saslUsername);
        }
        return msa.post("/api/v1/policy/check", request).json();
    }

    private JsonNode data(String headerFrom, String saslUsername) {
        Map<String, Object> request = new HashMap<>(Map.of("stage", "DATA", "clientAddress", "192.0.2.1",
                "sender", "<" + alice + ">"));
        if (headerFrom != null) {
            request.put("headerFrom", headerFrom);
        }
        if (saslUsername != null) {
            request.put("saslUsername", saslUsername);
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

    private void alias(String local, String... targets) {
        Response response = admin.post("/api/v1/aliases",
                Map.of("address", local + "@" + domain, "targets", List.of(targets)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }
}
