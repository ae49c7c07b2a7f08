package dev.yubin.policy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@PolicyServiceIT
class AuthApiIT {

    private static final String PASSWORD = "s3cret password";

    @LocalServerPort
    int port;

    Api admin;
    Api service;
    String domain;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        service = admin.withToken(Api.INTERNAL_TOKEN);
        domain = Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
        admin.post("/api/v1/accounts", Map.of("address", "alice@" + domain, "password", PASSWORD));
    }

    @Test
    void rightPasswordAnswersTheAccountAddress() {
        Response ok = service.post("/api/v1/auth",
                Map.of("username", "alice@" + domain, "password", PASSWORD, "clientAddress", "192.0.2.10"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("address").asString()).isEqualTo("alice@" + domain);
        assertThat(ok.body()).doesNotContain(PASSWORD);
    }

    @Test
    void usernamesCompareCaseInsensitively() {
        Response ok = service.post("/api/v1/auth",
                Map.of("username", "ALICE@" + domain.toUpperCase(), "password", PASSWORD,
                        "clientAddress", "192.0.2.10"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("address").asString()).isEqualTo("alice@" + domain);
    }

    @Test
    void changedPasswordReplacesTheOldOne() {
        admin.put("/api/v1/accounts/alice@" + domain + "/password", Map.of("password", "a new password"));
        assertThat(login("alice@" + domain, PASSWORD, "192.0.2.11").status()).isEqualTo(401);
        assertThat(login("alice@" + domain, "a new password", "192.0.2.11").status()).isEqualTo(200);
    }

    @Test
    void failuresAre401AndLandInTheDecisionLogWithTheReason() {
        String client = "198.51.100.150";
        Response wrongPassword = login("alice@" + domain, "not the password", client);
        Response unknownUser = login("mallory@" + domain, PASSWORD, client);
        Response notAnAddress = login("alice", PASSWORD, client);

        for (Response refused : new Response[] {wrongPassword, unknownUser, notAnAddress}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.isProblem()).isTrue();
            // The client learns nothing of why.
            assertThat(refused.json().get("detail").asString()).isEqualTo("Authentication failed");
        }

        JsonNode log = admin.get("/api/v1/decisions?clientAddress=" + client).json();
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.findValuesAsString("stage")).containsOnly("AUTH");
        assertThat(log.findValuesAsString("action")).containsOnly("REJECT");
        assertThat(log.findValuesAsString("detail")).containsExactly(
                "username is not an address: missing @domain",
                "no account mallory@" + domain,
                "wrong password for alice@" + domain);
        assertThat(log.get(2).get("username").asString()).isEqualTo("alice@" + domain);
        assertThat(log.get(2).get("smtpCode").asInt()).isEqualTo(535);
        assertThat(log.get(2).get("enhancedCode").asString()).isEqualTo("5.7.8");
        assertThat(log.toString()).doesNotContain(PASSWORD, "not the password");
    }

    @Test
    void missingFieldsAre400() {
        Response response = service.post("/api/v1/auth", Map.of("username", "alice@" + domain));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
    }

    private Response login(String username, String password, String client) {
        return service.post("/api/v1/auth",
                Map.of("username", username, "password", password, "clientAddress", client));
    }
}
