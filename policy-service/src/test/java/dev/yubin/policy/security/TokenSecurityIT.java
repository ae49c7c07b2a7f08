package dev.yubin.policy.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.PolicyServiceIT;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@PolicyServiceIT
class TokenSecurityIT {

    @LocalServerPort
    int port;

    Api admin;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/domains", "/api/v1/accounts", "/api/v1/aliases", "/api/v1/decisions",
            "/api/v1/unknown", "/", "/actuator/env"})
    void missingTokenIsA401Problem(String path) {
        Response response = admin.withToken(null).get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.headers().get("www-authenticate")).containsExactly("Bearer realm=\"yubin\"");
    }

    @Test
    void wrongTokenIsA401Problem() {
        for (String token : new String[] {"wrong", Api.ADMIN_TOKEN + "x", "", Api.ADMIN_TOKEN.substring(1)}) {
            Response response = admin.withToken(token).post("/api/v1/domains", Map.of("name", Api.uniqueDomain()));
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.isProblem()).isTrue();
        }
        Response wrongScheme = admin.withToken(null).get("/api/v1/domains");
        assertThat(wrongScheme.status()).isEqualTo(401);
    }

    @Test
    void internalTokenReachesOnlyTheServiceCalls() {
        Api internal = admin.withToken(Api.INTERNAL_TOKEN);
        Response directory = internal.get("/api/v1/domains");
        assertThat(directory.status()).isEqualTo(403);
        assertThat(directory.isProblem()).isTrue();
        assertThat(internal.post("/api/v1/policy/check", Map.of("stage", "CONNECT", "clientAddress", "192.0.2.1"))
                .status()).isEqualTo(200);
        assertThat(internal.post("/api/v1/auth", Map.of("username", "x@nowhere.test", "password", "nothing!"))
                .status()).isEqualTo(401);
    }

    @Test
    void adminTokenReachesTheServiceCallsToo() {
        assertThat(admin.post("/api/v1/policy/check", Map.of("stage", "HELO", "helo", "client.example"))
                .status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
            "/actuator/prometheus", "/actuator/info", "/v3/api-docs"})
    void probesMetricsAndApiDocsNeedNoToken(String path) {
        Response response = admin.withToken(null).get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void apiDocsDescribeTheDirectory() {
        Response docs = admin.withToken(null).get("/v3/api-docs");
        assertThat(docs.json().get("paths").has("/api/v1/accounts")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/policy/check")).isTrue();
    }
}
