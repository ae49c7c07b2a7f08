package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.fixtures.DnsKeyRetriever;
import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.core.kafka.Topics;
import dev.yubin.devstack.cli.YubinCli;
import dev.yubin.devstack.launcher.RunningPlatform;
import dev.yubin.devstack.launcher.Services;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * Outbound relay through the whole platform (issue 4): alice submits on 587 (STARTTLS, AUTH
 * PLAIN), the MSA signs and queues, the MTA's relay finds the MX in the test DNS and delivers to
 * a real SMTP server on its own 127.0.0.x address, and the MDA keeps every event for the trace.
 * The platform's retry schedule is {@code first=2s, max=4s} ({@link PlatformExtension}).
 *
 * <p>Every domain that appears as a sender or a HELO name has A, MX and SPF records, as the MTA
 * checks them at MAIL; no test shares a recipient with another.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundDeliveryIT {

    private static final String DOMAIN = "outbound.test";
    private static final String ALICE = "alice@" + DOMAIN;
    /** An alias of ours whose only target is a remote address that does not exist. */
    private static final String FORWARD = "forward@" + DOMAIN;
    private static final String HELO = "client." + DOMAIN;

    private static final String ACCEPTING = "accepting.remote.test";
    private static final String GREYLISTING = "greylisting.remote.test";
    private static final String REFUSING = "refusing.remote.test";
    /** Loopback addresses no other end-to-end class uses for an MX. */
    private static final String ACCEPTING_IP = "127.0.0.21";
    private static final String GREYLISTING_IP = "127.0.0.22";
    private static final String REFUSING_IP = "127.0.0.23";

    private static final Duration WAIT = Duration.ofSeconds(60);

    private RunningPlatform platform;
    private TestDnsServer dns;
    private Api api;
    private final List<RemoteMx> mxs = new ArrayList<>();
    private RemoteMx accepting;
    private RemoteMx greylisting;
    private RemoteMx refusing;

    /** The DKIM key exists before alice's first message: the MSA remembers a missing key for a minute. */
    @BeforeAll
    void world(PlatformExtension.Stack stack) throws Exception {
        platform = stack.platform();
        dns = stack.dns();
        api = new Api(platform);
        api.directory(DOMAIN, ALICE);
        api.alias(FORWARD, "ghost@" + REFUSING);
        HttpResponse<String> key = api.policy("POST", "/api/v1/dkim/" + DOMAIN, null);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        JsonNode dkim = Api.json(key);
        dns.txt(dkim.get("record").asString(), dkim.get("txt").asString());

        for (String name : List.of(DOMAIN, HELO)) {
            dns.a(name, "127.0.0.1").txt(name, "v=spf1 ip4:127.0.0.0/8 -all");
        }
        dns.mx(DOMAIN, 10, "mx." + DOMAIN).a("mx." + DOMAIN, "127.0.0.1");
        accepting = mx(ACCEPTING, ACCEPTING_IP, RemoteMx.accepting("mx." + ACCEPTING, ACCEPTING_IP, stack.remoteMxPort()));
        greylisting = mx(GREYLISTING, GREYLISTING_IP, RemoteMx.greylisting("mx." + GREYLISTING, GREYLISTING_IP, stack.remoteMxPort()));
        refusing = mx(REFUSING, REFUSING_IP, RemoteMx.accepting("mx." + REFUSING, REFUSING_IP, stack.remoteMxPort()));
    }

    @AfterAll
    void stopMxs() {
        mxs.forEach(RemoteMx::close);
    }

    @Test
    void aRemoteRecipientGetsTheDkimSignedMessageAndTheTraceListsEachStep() throws Exception {
        String bob = "bob@" + ACCEPTING;
        String subject = "outbound " + UUID.randomUUID();

        String queueId = submit(bob, subject);

        RemoteMx.Received received = await().atMost(WAIT).until(() -> find(accepting, subject), r -> r != null);
        assertThat(received.from()).isEqualTo(ALICE);
        assertThat(received.recipients()).containsExactly(bob);
        List<SignatureRecord> signatures = new DKIMVerifier(new DnsKeyRetriever(dns.port()))
                .verify(new ByteArrayInputStream(received.data()));
        assertThat(signatures).singleElement()
                .satisfies(signature -> assertThat(signature.getDToken().toString()).isEqualTo(DOMAIN));

        List<JsonNode> events = awaitTrace(queueId, has("delivered", bob));
        assertThat(types(events)).containsSubsequence("accepted", "queued", "attempt", "delivered");
        JsonNode delivered = first(events, "delivered", bob);
        assertThat(delivered.get("remoteHost").asString()).isEqualTo("mx." + ACCEPTING + "[" + ACCEPTING_IP + "]");
        assertThat(delivered.get("reply").asString()).startsWith("250");
        assertThat(delivered.get("attempt").asInt()).isEqualTo(1);

        // ./yubin trace reads the same REST resource
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = YubinCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("trace", queueId, "--mda-url", platform.httpUrl(Services.MDA), "--token", platform.adminToken());
        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains(queueId).contains("accepted").contains("delivered").contains(bob);
    }

    @Test
    void aGreylistingMxGetsTheMessageOnTheRetryAndTheTraceShowsTheDeferral() throws Exception {
        String carol = "carol@" + GREYLISTING;
        String subject = "greylisted " + UUID.randomUUID();

        String queueId = submit(carol, subject);

        await().atMost(WAIT).until(() -> find(greylisting, subject), r -> r != null);
        assertThat(greylisting.rcptReplies).containsExactly(carol + " 451", carol + " 250");
        List<JsonNode> events = awaitTrace(queueId, has("delivered", carol));
        assertThat(types(events)).containsSubsequence("accepted", "queued", "attempt", "deferred", "attempt", "delivered");
        JsonNode deferred = first(events, "deferred", carol);
        assertThat(deferred.get("reply").asString()).startsWith("451 4.7.1").contains("greylisted");
        assertThat(deferred.get("remoteHost").asString()).isEqualTo("mx." + GREYLISTING + "[" + GREYLISTING_IP + "]");
        assertThat(deferred.has("nextAttemptAt")).isTrue();
        JsonNode delivered = first(events, "delivered", carol);
        assertThat(delivered.get("attempt").asInt()).isEqualTo(2);
        assertThat(delivered.get("reply").asString()).startsWith("250");
    }

    @Test
    void a550BouncesToAlicesMailboxAndSuppressesTheAddressForTheNextSubmission() throws Exception {
        String nobody = "nobody@" + REFUSING;
        refusing.unknownUser(nobody);

        String queueId = submit(nobody, "to nobody " + UUID.randomUUID());

        List<JsonNode> events = awaitTrace(queueId, has("bounced", nobody));
        JsonNode bounced = first(events, "bounced", nobody);
        assertThat(bounced.get("reply").asString()).startsWith("550 5.1.1").contains("no such user");
        assertThat(bounced.get("remoteHost").asString()).isEqualTo("mx." + REFUSING + "[" + REFUSING_IP + "]");
        assertThat(bounced.get("suppress").asBoolean()).isTrue();
        String dsnQueueId = bounced.get("dsnQueueId").asString();

        // the DSN: in alice's own INBOX, read by alice
        String dsn = new String(api.raw(ALICE, api.awaitMessage(ALICE, dsnQueueId)), StandardCharsets.UTF_8);
        assertThat(dsn).contains("Content-Type: multipart/report; report-type=delivery-status")
                .contains("Content-Type: message/delivery-status")
                .contains("X-Yubin-Queue-ID: " + queueId)
                .contains("Final-Recipient: rfc822; " + nobody)
                .contains("Action: failed")
                .contains("Status: 5.1.1")
                .contains("Remote-MTA: dns; mx." + REFUSING)
                .containsPattern("Diagnostic-Code: smtp; 550 5\\.1\\.1 <" + nobody + ">: Recipient address rejected")
                .contains("Content-Type: text/rfc822-headers");
        assertThat(dsnsAbout(queueId, Duration.ZERO)).containsExactly(dsnQueueId);
        assertThat(types(awaitTrace(dsnQueueId, dsnEvents -> types(dsnEvents).contains("delivered"))))
                .containsSubsequence("accepted", "delivered");
        assertThat(refusing.received).noneMatch(r -> r.recipients().contains(nobody));

        // on the suppression list, so the MSA refuses the next submission at RCPT
        await().atMost(WAIT).until(() -> api.policy("GET", "/api/v1/suppressions?address=" + nobody, null).body(),
                body -> body.contains(nobody));
        try (SmtpConversation smtp = loggedIn()) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("250")
                    .send("RCPT TO:<" + nobody + ">").expect("550 5.1.1")
                    .send("QUIT").expect("221");
        }
    }

    @Test
    void aMessageFromTheNullSenderThatBouncesGetsNoDsn() throws Exception {
        String ghost = "ghost@" + REFUSING;
        refusing.unknownUser(ghost);
        String body = "From: Mail Delivery System <MAILER-DAEMON@" + HELO + ">\r\n"
                + "To: " + FORWARD + "\r\n"
                + "Subject: bounce " + UUID.randomUUID() + "\r\n"
                + "\r\n"
                + "A report about some message.\r\n";

        // port 25, the null sender, to our alias whose target is the refusing remote address
        String queueId;
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", platform.smtpPort()).expect("220")
                .send("EHLO " + HELO).expect("250")) {
            queueId = Smtp.transaction(smtp, "", body, FORWARD);
            smtp.send("QUIT").expect("221");
        }

        List<JsonNode> events = awaitTrace(queueId, has("bounced", ghost));
        JsonNode bounced = first(events, "bounced", ghost);
        assertThat(bounced.get("reply").asString()).startsWith("550 5.1.1");
        assertThat(bounced.has("dsnQueueId")).as("a bounce is never bounced: %s", bounced).isFalse();
        assertThat(refusing.rcptReplies).contains(ghost + " 550");
        // a DSN would be in Kafka before the bounced event: none comes, also after a while
        assertThat(dsnsAbout(queueId, Duration.ofSeconds(5))).isEmpty();
    }

    private RemoteMx mx(String domain, String ip, RemoteMx server) {
        dns.mx(domain, 10, "mx." + domain).a("mx." + domain, ip);
        mxs.add(server);
        return server;
    }

    private String submit(String to, String subject) throws Exception {
        String message = "From: Alice <" + ALICE + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Hello,\r\n"
                + "..a line that starts with a dot\r\n";
        try (SmtpConversation smtp = loggedIn()) {
            String queueId = Smtp.transaction(smtp, ALICE, message, to);
            smtp.send("QUIT").expect("221");
            return queueId;
        }
    }

    /** Port 587: STARTTLS, then AUTH PLAIN as alice. */
    private SmtpConversation loggedIn() throws Exception {
        return Smtp.submission(platform.submissionPort())
                .send(Smtp.authPlain(ALICE, Api.password(ALICE))).expect("235 2.7.0");
    }

    private static RemoteMx.Received find(RemoteMx mx, String subject) {
        return mx.received.stream()
                .filter(r -> new String(r.data(), StandardCharsets.UTF_8).contains("Subject: " + subject + "\r\n"))
                .findFirst().orElse(null);
    }

    /** {@code GET /api/v1/trace/{queueId}} with the admin token, until its events satisfy {@code done}. */
    private List<JsonNode> awaitTrace(String queueId, Predicate<List<JsonNode>> done) {
        return await().atMost(WAIT).until(() -> {
            HttpResponse<String> response = api.mdaAsAdmin("GET", "/api/v1/trace/" + queueId);
            if (response.statusCode() == 404) {
                return List.<JsonNode>of();
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode trace = Api.json(response);
            assertThat(trace.get("queueId").asString()).isEqualTo(queueId);
            return trace.get("events").valueStream().toList();
        }, done);
    }

    private static Predicate<List<JsonNode>> has(String type, String recipient) {
        return events -> events.stream().anyMatch(e -> matches(e, type, recipient));
    }

    private static JsonNode first(List<JsonNode> events, String type, String recipient) {
        return events.stream().filter(e -> matches(e, type, recipient)).findFirst().orElseThrow();
    }

    private static boolean matches(JsonNode event, String type, String recipient) {
        return type.equals(event.path("type").asString()) && recipient.equals(event.path("recipient").asString());
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.path("type").asString()).toList();
    }

    /**
     * The queue ids of the DSNs about {@code queueId} in Kafka (from {@code <>}, naming it in
     * {@code X-Yubin-Queue-ID}) on the inbound and the outbound topic: everything up to their
     * current end, and what arrives within {@code watch} after that.
     */
    private List<String> dsnsAbout(String queueId, Duration watch) {
        Properties props = new Properties();
        props.put("bootstrap.servers", platform.kafkaBootstrap());
        props.put("group.id", "e2e-dsn-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.INBOUND, Topics.OUTBOUND));
            Predicate<ConsumerRecord<String, byte[]>> isDsn = record -> {
                Envelope envelope = KafkaRecords.toEnvelope(record.headers());
                return envelope.sender().isNull()
                        && new String(record.value(), StandardCharsets.UTF_8).contains("X-Yubin-Queue-ID: " + queueId);
            };
            await().atMost(WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (isDsn.test(record)) {
                        found.add(KafkaRecords.toEnvelope(record.headers()).queueId().value());
                    }
                });
                return !consumer.assignment().isEmpty() && consumer.endOffsets(consumer.assignment()).entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            long until = System.nanoTime() + watch.toNanos();
            while (System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (isDsn.test(record)) {
                        found.add(KafkaRecords.toEnvelope(record.headers()).queueId().value());
                    }
                });
            }
        }
        return found;
    }
}
