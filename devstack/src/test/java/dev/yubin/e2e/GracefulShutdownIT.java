package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM to the MTA in the middle of traffic: clients that retry like an MTA (on 4xx and on a
 * lost connection) get every message accepted, and every 250 is in the mailbox exactly once.
 */
@ExtendWith(PlatformExtension.class)
class GracefulShutdownIT {

    private static final String DOMAIN = "shutdown.test";
    private static final String HANNA = "hanna@" + DOMAIN;
    private static final int CLIENTS = 4;
    private static final int MESSAGES_PER_CLIENT = 15;
    private static final int MAX_ATTEMPTS = 300;

    private RunningPlatform platform;
    private Api api;

    @BeforeEach
    void directory(PlatformExtension.Stack stack) {
        platform = stack.platform();
        api = new Api(platform);
        api.directory(DOMAIN, HANNA);
    }

    @Test
    void theMtaStoppedWhileClientsSendLosesNothingAndEvery250IsStoredOnce() throws Exception {
        int total = CLIENTS * MESSAGES_PER_CLIENT;
        Map<String, String> queueIdBySubject = new ConcurrentHashMap<>();
        AtomicInteger retried = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    for (int m = 0; m < MESSAGES_PER_CLIENT; m++) {
                        String subject = "shutdown " + client + "-" + m;
                        queueIdBySubject.put(subject, sendRetrying(subject, retried));
                    }
                    return null;
                }));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> queueIdBySubject.size() >= total / 4);
            platform.stopService("mta-service");
            int acceptedBeforeStop = queueIdBySubject.size();
            platform.startService("mta-service");

            for (Future<?> client : running) {
                client.get(180, TimeUnit.SECONDS);
            }
            assertThat(acceptedBeforeStop).as("the stop came in the middle of the traffic").isLessThan(total);
        } finally {
            clients.shutdownNow();
        }

        assertThat(queueIdBySubject).as("every message eventually accepted").hasSize(total);
        assertThat(retried.get()).as("clients saw the MTA go away").isPositive();
        await().atMost(Duration.ofSeconds(180)).ignoreExceptions().untilAsserted(() ->
                assertThat(storedQueueIds().keySet()).containsAll(queueIdBySubject.values()));
        Map<String, Integer> stored = storedQueueIds();
        for (String queueId : queueIdBySubject.values()) {
            assertThat(stored.get(queueId)).as("copies of %s", queueId).isEqualTo(1);
        }
    }

    /**
     * One message, tried again and again (a bounded number of times) like an MTA would: a 4xx
     * reply, a refused or a dropped connection means later. Returns the queue id of the 250.
     */
    private String sendRetrying(String subject, AtomicInteger retried) {
        AtomicReference<String> queueId = new AtomicReference<>();
        AtomicInteger attempts = new AtomicInteger();
        await().atMost(Duration.ofSeconds(150)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (attempts.incrementAndGet() > MAX_ATTEMPTS) {
                        throw new AssertionError("'" + subject + "' not accepted after " + MAX_ATTEMPTS + " attempts");
                    }
                    try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
                        queueId.set(Smtp.transaction(smtp, "someone@remote.example", Smtp.message(subject, HANNA), HANNA));
                        smtp.send("QUIT");
                        return true;
                    } catch (IOException e) {
                        retried.incrementAndGet();
                        return false;
                    } catch (AssertionError e) {
                        // a transient refusal (4xx) or a closed connection; anything else is a failure
                        if (!isTransient(e)) {
                            throw e;
                        }
                        retried.incrementAndGet();
                        return false;
                    }
                });
        return queueId.get();
    }

    private static boolean isTransient(AssertionError e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("but got '4") || message.contains("but got '<connection closed>'");
    }

    /** Queue id to the number of mailbox entries that carry it. */
    private Map<String, Integer> storedQueueIds() {
        HttpResponse<String> response = api.mdaAs(HANNA, Api.password(HANNA), "GET",
                "/api/v1/mailboxes/" + HANNA + "/messages");
        if (response.statusCode() != 200) {
            return Map.of();
        }
        Map<String, Integer> copies = new HashMap<>();
        Api.json(response).valueStream().forEach(node -> copies.merge(node.path("queueId").asString(), 1, Integer::sum));
        return copies;
    }
}
