package dev.yubin.policy.check.lists;

import static dev.yubin.policy.support.Decisions.detail;
import static dev.yubin.policy.support.Decisions.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.PolicyServiceIT;
import dev.yubin.policy.support.TestDns;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/lists/{allow|block}} and what the entries do at CONNECT. Clients in 198.19.0.0/16. */
@PolicyServiceIT
class AccessListsIT {

    @LocalServerPort
    int port;

    Api admin;
    Decisions decisions;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        decisions = new Decisions(port);
    }

    private void add(String list, String value, String comment) {
        Response response = admin.post("/api/v1/lists/" + list, comment == null ? Map.of("value", value)
                : Map.of("value", value, "comment", comment));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void entriesAreAddedListedAndRemovedInCanonicalForm() {
        add("block", "198.19.1.0/24", "spam run");
        add("block", "Spam.Example.", null);
        Response created = admin.post("/api/v1/lists/allow", Map.of("value", "2001:DB8:19::/48"));
        assertThat(created.json().get("value").asString()).isEqualTo("2001:db8:19:0:0:0:0:0/48");
        assertThat(created.json().get("createdAt").asString()).isNotBlank();

        JsonNode block = admin.get("/api/v1/lists/block").json();
        assertThat(block.findValuesAsString("value")).contains("198.19.1.0/24", "spam.example");
        assertThat(block.findValuesAsString("comment")).contains("spam run");

        assertThat(admin.post("/api/v1/lists/block", Map.of("value", "198.19.1.0/24")).status()).isEqualTo(409);
        assertThat(admin.delete("/api/v1/lists/allow?value=2001:db8:19::/48").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/lists/allow?value=2001:db8:19::/48").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/lists/allow").json().findValuesAsString("value"))
                .doesNotContain("2001:db8:19:0:0:0:0:0/48");
    }

    @Test
    void badInputIsAProblem() {
        Response badValue = admin.post("/api/v1/lists/block", Map.of("value", "198.19.1.1/24"));
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.isProblem()).isTrue();
        assertThat(admin.post("/api/v1/lists/block", Map.of("comment", "no value")).status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/lists/grey").status()).isEqualTo(404);
        assertThat(admin.withToken(Api.INTERNAL_TOKEN).get("/api/v1/lists/block").status()).isEqualTo(403);
        assertThat(admin.withToken(null).post("/api/v1/lists/block", Map.of("value", "198.19.9.9")).status())
                .isEqualTo(401);
    }

    @Test
    void blockedClientIsDroppedWithAGenericTextAndTheLogNamesTheEntry() {
        add("block", "198.19.2.0/24", "seen in a dictionary attack");
        JsonNode decision = decisions.connect("198.19.2.7");
        assertThat(decision.get("action").asString()).isEqualTo("DROP");
        assertThat(reply(decision)).isEqualTo("554 5.7.1 Access denied");
        assertThat(detail(decisions.log("198.19.2.7").get(0), "lists"))
                .isEqualTo("block list entry 198.19.2.0/24 (seen in a dictionary attack)");
    }

    @Test
    void allowEntryInsideABlockedNetworkWinsAndSkipsTheOtherConnectChecks() {
        add("block", "198.19.3.0/24", null);
        add("allow", "198.19.3.25", "our backup MX");
        JsonNode allowed = decisions.connect("198.19.3.25");
        assertThat(allowed.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(allowed.get("checks").findValuesAsString("name")).containsExactly("lists");
        assertThat(detail(allowed, "lists")).contains("allow list entry 198.19.3.25 (our backup MX)");
        assertThat(decisions.connect("198.19.3.26").get("action").asString()).isEqualTo("DROP");

        JsonNode clean = decisions.connect("198.19.4.1");
        assertThat(clean.get("action").asString()).isEqualTo("ACCEPT");
        assertThat(clean.get("checks").findValuesAsString("name")).contains("lists", "connection-rate", "ptr");
    }

    @Test
    void domainEntriesMatchOnlyAForwardConfirmedName() {
        TestDns.server().ptr("198.19.5.1", "mx1.spammer.test").a("mx1.spammer.test", "198.19.5.1");
        TestDns.server().ptr("198.19.5.2", "mx2.spammer.test");   // claims the name, does not resolve back
        add("block", "spammer.test", null);

        JsonNode confirmed = decisions.connect("198.19.5.1");
        assertThat(confirmed.get("action").asString()).isEqualTo("DROP");
        assertThat(detail(confirmed, "lists")).contains("block list entry spammer.test");
        assertThat(decisions.connect("198.19.5.2").get("action").asString()).isEqualTo("ACCEPT");
    }
}
