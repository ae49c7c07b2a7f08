package dev.yubin.policy.postfix;

import java.util.LinkedHashMap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Decisions;
import dev.yubin.policy.support.PolicyServiceIT;
import dev.yubin.policy.support.PostfixClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The Postfix policy delegation protocol over a real socket, answered by the same engine. */
@PolicyServiceIT
class PostfixProtocolIT {

    @LocalServerPort
    int port;

    @Autowired
    PostfixPolicyServer server;

    Decisions decisions;
    String domain;

    @BeforeEach
    void setUp() {
        decisions = new Decisions(port);
        Api admin = Api.onPort(port);
        domain = Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
        admin.post("/api/v1/accounts", Map.of("address", "bob@" + domain, "password", "password of bob"));
    }

    @Test
    void listedClientUnknownRecipientAndCleanClientOnOneConnection() {
        Api.onPort(port).post("/api/v1/lists/block", Map.of("value", "198.19.40.66"));
        try (PostfixClient postfix = PostfixClient.connect(server.port())) {
            assertThat(postfix.ask(PostfixClient.rcpt("198.19.40.66", "mx.sender.example", "a@remote.example",
                    "bob@" + domain))).isEqualTo("521 5.7.1 Access denied");
            assertThat(postfix.ask(PostfixClient.rcpt("198.19.40.1", "mx.sender.example", "a@remote.example",
                    "nobody@" + domain))).isEqualTo("550 5.1.1 Recipient address rejected: user unknown");
            assertThat(postfix.ask(PostfixClient.rcpt("198.19.40.2", "mx.sender.example", "a@remote.example",
                    "bob@" + domain))).isEqualTo("DUNNO");
            assertThat(postfix.ask(PostfixClient.rcpt("198.19.40.3", "localhost", "a@remote.example",
                    "bob@" + domain))).isEqualTo("550 5.7.1 Helo command rejected");
        }
        JsonNode clean = decisions.log("198.19.40.2");
        assertThat(clean.findValuesAsString("stage")).containsExactly("RCPT", "MAIL", "HELO", "CONNECT");
        assertThat(clean.get(0).get("recipient").asString()).isEqualTo("bob@" + domain);
        assertThat(decisions.log("198.19.40.66").get(0).get("action").asString()).isEqualTo("DROP");
    }

    @Test
    void recipientsOfOneMessageRunTheEarlierStagesOnce() {
        try (PostfixClient postfix = PostfixClient.connect(server.port())) {
            Map<String, String> first = PostfixClient.rcpt("198.19.41.1", "mx.sender.example", "", "bob@" + domain);
            Map<String, String> second = new LinkedHashMap<>(first);
            second.put("recipient", "nobody@" + domain);
            assertThat(postfix.ask(first)).isEqualTo("DUNNO");
            assertThat(postfix.ask(second)).startsWith("550 5.1.1");
        }
        JsonNode log = decisions.log("198.19.41.1");
        assertThat(log.findValuesAsString("stage")).containsExactly("RCPT", "RCPT", "MAIL", "HELO", "CONNECT");
        assertThat(log.get(2).get("sender").asString()).isEqualTo("<>");
    }

    @Test
    void otherStatesAndRequestTypesAreDunno() {
        try (PostfixClient postfix = PostfixClient.connect(server.port())) {
            Map<String, String> vrfy = PostfixClient.rcpt("198.19.42.1", "mx.sender.example", "a@remote.example",
                    "bob@" + domain);
            vrfy.put("protocol_state", "VRFY");
            assertThat(postfix.ask(vrfy)).isEqualTo("DUNNO");
            assertThat(postfix.ask(Map.of("request", "something_else"))).isEqualTo("DUNNO");
            Map<String, String> connect = new LinkedHashMap<>(Map.of("request", "smtpd_access_policy",
                    "protocol_state", "CONNECT", "client_address", "198.19.42.2"));
            assertThat(postfix.ask(connect)).isEqualTo("DUNNO");
        }
        assertThat(decisions.log("198.19.42.1").size()).isZero();
        assertThat(decisions.log("198.19.42.2").findValuesAsString("stage")).containsExactly("CONNECT");
    }

    @Test
    void aGarbageLineClosesTheConnection() {
        try (PostfixClient postfix = PostfixClient.connect(server.port())) {
            postfix.send("HELO mx.example.org\r\n");
            assertThat(postfix.isClosedByServer()).isTrue();
        }
        try (PostfixClient postfix = PostfixClient.connect(server.port())) {
            postfix.send("sender=" + "x".repeat(5000) + "\n");
            assertThat(postfix.isClosedByServer()).isTrue();
        }
    }
}
