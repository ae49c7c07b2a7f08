package dev.yubin.policy.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@PolicyServiceIT
class DirectoryApiIT {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    Api api;
    String domain;

    @BeforeEach
    void setUp() {
        api = Api.onPort(port);
        domain = Api.uniqueDomain();
        assertThat(api.post("/api/v1/domains", Map.of("name", domain)).status()).isEqualTo(201);
    }

    @Test
    void domainIsCreatedListedFetchedAndDeleted() {
        String other = Api.uniqueDomain();
        Response created = api.post("/api/v1/domains", Map.of("name", other.toUpperCase()));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo(other);
        assertThat(created.json().get("createdAt").asString()).isNotBlank();
        assertThat(created.headers().get("location")).containsExactly("/api/v1/domains/" + other);

        Response fetched = api.get("/api/v1/domains/" + other);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(created.json());
        assertThat(api.get("/api/v1/domains").json().findValuesAsString("name")).contains(domain, other);

        assertThat(api.delete("/api/v1/domains/" + other).status()).isEqualTo(204);
        Response gone = api.get("/api/v1/domains/" + other);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.isProblem()).isTrue();
    }

    @Test
    void idnDomainIsStoredAsLowerCaseALabel() {
        String unicode = "Bücher-" + Api.uniqueDomain();
        Response created = api.post("/api/v1/domains", Map.of("name", unicode));
        assertThat(created.status()).isEqualTo(201);
        String aLabel = created.json().get("name").asString();
        assertThat(aLabel).startsWith("xn--bcher-").isEqualTo(aLabel.toLowerCase());
        assertThat(api.get("/api/v1/domains/" + aLabel).status()).isEqualTo(200);
    }

    @Test
    void duplicateDomainIsAConflict() {
        Response again = api.post("/api/v1/domains", Map.of("name", domain.toUpperCase()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.json().get("status").asInt()).isEqualTo(409);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not a domain", "-bad.test", "bad-.test", "a..b.test", "under_score.test",
            "[192.0.2.1]", "alice@example.test",
            "a123456789012345678901234567890123456789012345678901234567890123.test"})
    void badDomainNameIsRefusedWith400(String name) {
        Response response = api.post("/api/v1/domains", Map.of("name", name));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
    }

    @Test
    void domainWithAccountsOrAliasesCannotBeDeleted() {
        createAccount("alice@" + domain);
        Response refused = api.delete("/api/v1/domains/" + domain);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("still has accounts or aliases");

        api.delete("/api/v1/accounts/alice@" + domain);
        api.post("/api/v1/aliases", Map.of("address", "info@" + domain, "targets", List.of("x@remote.example")));
        assertThat(api.delete("/api/v1/domains/" + domain).status()).isEqualTo(409);

        api.delete("/api/v1/aliases/info@" + domain);
        assertThat(api.delete("/api/v1/domains/" + domain).status()).isEqualTo(204);
    }

    @Test
    void accountIsCreatedListedFetchedAndDeleted() {
        Response created = api.post("/api/v1/accounts",
                Map.of("address", "Alice@" + domain.toUpperCase(), "password", PASSWORD, "quotaBytes", 1_000_000));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("address").asString()).isEqualTo("alice@" + domain);
        assertThat(created.json().get("quotaBytes").asLong()).isEqualTo(1_000_000);
        assertThat(created.json().get("createdAt").asString()).isNotBlank();
        assertThat(created.headers().get("location")).containsExactly("/api/v1/accounts/alice@" + domain);

        assertThat(api.get("/api/v1/accounts/alice@" + domain).json()).isEqualTo(created.json());
        assertThat(api.get("/api/v1/accounts/ALICE@" + domain).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/accounts?domain=" + domain).json().findValuesAsString("address"))
                .containsExactly("alice@" + domain);
        assertThat(api.get("/api/v1/accounts").json().findValuesAsString("address")).contains("alice@" + domain);

        assertThat(api.delete("/api/v1/accounts/alice@" + domain).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/accounts/alice@" + domain).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/accounts/alice@" + domain).status()).isEqualTo(404);
    }

    @Test
    void quotaIsOptional() {
        Response created = api.post("/api/v1/accounts", Map.of("address", "bob@" + domain, "password", PASSWORD));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("quotaBytes").isNull()).isTrue();
    }

    @Test
    void passwordNeverAppearsInAnyResponse() {
        List<Response> responses = new ArrayList<>();
        responses.add(api.post("/api/v1/accounts", Map.of("address", "carol@" + domain, "password", PASSWORD)));
        responses.add(api.get("/api/v1/accounts/carol@" + domain));
        responses.add(api.get("/api/v1/accounts"));
        responses.add(api.get("/api/v1/accounts?domain=" + domain));
        responses.add(api.put("/api/v1/accounts/carol@" + domain + "/password", Map.of("password", "another secret")));
        responses.add(api.post("/api/v1/accounts", Map.of("address", "carol@" + domain, "password", PASSWORD)));
        responses.add(api.post("/api/v1/accounts", Map.of("address", "dave@" + domain, "password", "short")));

        for (Response response : responses) {
            assertThat(response.body()).doesNotContain(PASSWORD, "another secret", "short\"", "argon2", "$2a$")
                    .doesNotContainIgnoringCase("hash");
            assertThat(response.body()).doesNotContainPattern("\"password\"\\s*:");
        }
    }

    @Test
    void passwordChangeAnswers204AndValidates() {
        createAccount("erin@" + domain);
        assertThat(api.put("/api/v1/accounts/erin@" + domain + "/password", Map.of("password", "new password!"))
                .status()).isEqualTo(204);
        Response tooShort = api.put("/api/v1/accounts/erin@" + domain + "/password", Map.of("password", "1234567"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.isProblem()).isTrue();
        assertThat(api.put("/api/v1/accounts/nobody@" + domain + "/password", Map.of("password", "new password!"))
                .status()).isEqualTo(404);
    }

    @Test
    void badAccountInputIsRefusedWith400() {
        assertProblem(api.post("/api/v1/accounts", Map.of("address", "not an address", "password", PASSWORD)), 400);
        assertProblem(api.post("/api/v1/accounts", Map.of("address", "x@" + domain, "password", "1234567")), 400);
        assertProblem(api.post("/api/v1/accounts", Map.of("address", "x@elsewhere.example", "password", PASSWORD)),
                400);
        assertProblem(api.post("/api/v1/accounts",
                Map.of("address", "x@" + domain, "password", PASSWORD, "quotaBytes", -1)), 400);
        assertProblem(api.post("/api/v1/accounts", Map.of("address", "x@" + domain)), 400);
        assertProblem(api.post("/api/v1/accounts", Map.of()), 400);
        assertProblem(api.postRaw("/api/v1/accounts", "{\"address\": ", "application/json"), 400);
        assertProblem(api.postRaw("/api/v1/accounts", "this is not json", "application/json"), 400);
        assertProblem(api.postRaw("/api/v1/domains", "[1, 2, 3]", "application/json"), 400);
    }

    @Test
    void missingFieldsAreNamedInTheProblem() {
        Response response = api.post("/api/v1/accounts", Map.of());
        assertThat(response.json().get("detail").asString()).contains("address", "password");
    }

    @Test
    void duplicateAccountIsAConflictWhateverTheCase() {
        createAccount("frank@" + domain);
        assertProblem(api.post("/api/v1/accounts", Map.of("address", "FRANK@" + domain, "password", PASSWORD)), 409);
    }

    @Test
    void aliasIsCreatedListedFetchedAndDeleted() {
        createAccount("gina@" + domain);
        Response created = api.post("/api/v1/aliases", Map.of("address", "Sales@" + domain,
                "targets", List.of("gina@" + domain, "Partner@Remote.Example", "partner@remote.example")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("address").asString()).isEqualTo("sales@" + domain);
        assertThat(created.json().get("targets").values()).extracting(n -> n.asString())
                .containsExactly("gina@" + domain, "Partner@remote.example");

        assertThat(api.get("/api/v1/aliases/sales@" + domain).json()).isEqualTo(created.json());
        assertThat(api.get("/api/v1/aliases").json().findValuesAsString("address")).contains("sales@" + domain);
        assertThat(api.delete("/api/v1/aliases/sales@" + domain).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/aliases/sales@" + domain).status()).isEqualTo(404);
    }

    @Test
    void aliasesAndAccountsDoNotShareAddresses() {
        createAccount("hank@" + domain);
        api.post("/api/v1/aliases", Map.of("address", "team@" + domain, "targets", List.of("hank@" + domain)));

        assertProblem(api.post("/api/v1/aliases", Map.of("address", "team@" + domain, "targets",
                List.of("x@remote.example"))), 409);
        assertProblem(api.post("/api/v1/aliases", Map.of("address", "hank@" + domain, "targets",
                List.of("x@remote.example"))), 409);
        assertProblem(api.post("/api/v1/accounts", Map.of("address", "team@" + domain, "password", PASSWORD)), 409);
    }

    @Test
    void badAliasInputIsRefusedWith400() {
        assertProblem(api.post("/api/v1/aliases", Map.of("address", "a@elsewhere.example",
                "targets", List.of("x@remote.example"))), 400);
        assertProblem(api.post("/api/v1/aliases", Map.of("address", "a@" + domain,
                "targets", List.of("not an address"))), 400);
        assertProblem(api.post("/api/v1/aliases", Map.of("address", "a@" + domain, "targets", List.of())), 400);
        assertProblem(api.post("/api/v1/aliases", Map.of("address", "a@" + domain)), 400);
        assertProblem(api.post("/api/v1/aliases", Map.of("address", "bad address",
                "targets", List.of("x@remote.example"))), 400);
    }

    @Test
    void unknownRouteIsA404Problem() {
        assertProblem(api.get("/api/v1/nothing-here"), 404);
    }

    private void createAccount(String address) {
        Response response = api.post("/api/v1/accounts", Map.of("address", address, "password", PASSWORD));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
