package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/** Nothing lost, nothing duplicated, nothing half-stored when a part of the platform goes away. */
@ExtendWith(PlatformExtension.class)
class ResilienceIT {

    private static final String DOMAIN = "resilience.test";
    private static final String ERIN = "erin@" + DOMAIN;
    private static final String FRANK = "frank@" + DOMAIN;
    private static final int MESSAGES = 40;

    private RunningPlatform platform;
    private Api api;

    @BeforeEach
    void directory(PlatformExtension.Stack stack) {
        platform = stack.platform();
        api = new Api(platform);
        api.directory(DOMAIN, ERIN, FRANK);
    }

    @Test
    void theMdaKilledWhileMessagesFlowIsRestartedAndLosesNoneAndDuplicatesNone() throws Exception {
        List<String> queueIds = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (i == MESSAGES / 4) {
                platform.killService("mda-service");
            }
            queueIds.add(Smtp.send(platform.smtpPort(), "someone@remote.example", Smtp.message("flow " + i, ERIN), ERIN));
        }

        // the MDA's REST port is down while it restarts: keep asking
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() ->
                assertThat(queueIdsIn(ERIN)).containsAll(queueIds));
        List<String> stored = queueIdsIn(ERIN);
        assertThat(new HashSet<>(stored)).hasSameSizeAs(stored);
        assertThat(stored).hasSize(MESSAGES);
    }

    @Test
    void withTheBrokerDownTheMtaAnswers451AndStoresNothing() throws Exception {
        platform.stopKafka();
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<someone@remote.example>").expect("250")
                    .send("RCPT TO:<" + FRANK + ">").expect("250")
                    .send("DATA").expect("354")
                    .sendRaw(Smtp.message("during outage", FRANK) + ".\r\n").expect("451 4.3.0");
        } finally {
            platform.startKafka();
        }

        String after = Smtp.send(platform.smtpPort(), "someone@remote.example", Smtp.message("after outage", FRANK), FRANK);
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> queueIdsIn(FRANK).contains(after));
        Set<String> subjects = new HashSet<>();
        HttpResponse<String> list = api.mdaAs(FRANK, Api.password(FRANK), "GET", "/api/v1/mailboxes/" + FRANK + "/messages");
        Api.json(list).valueStream().forEach(node -> subjects.add(node.path("subject").asString()));
        assertThat(subjects).containsExactly("after outage");
    }

    private List<String> queueIdsIn(String mailbox) {
        HttpResponse<String> response = api.mdaAs(mailbox, Api.password(mailbox), "GET",
                "/api/v1/mailboxes/" + mailbox + "/messages");
        if (response.statusCode() != 200) {
            return List.of();
        }
        return Api.json(response).valueStream().map(node -> node.path("queueId").asString()).toList();
    }
}
