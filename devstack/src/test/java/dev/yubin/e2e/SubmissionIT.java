package dev.yubin.e2e;

import dev.yubin.core.fixtures.DnsKeyRetriever;
import dev.yubin.core.fixtures.TestDnsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.kafka.KafkaRecords;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Submission (CONTRACT §3, §7; issue 3) over real TLS sockets against the running MSA, with the
 * policy service deciding AUTH and ownership, the MDA storing local mail and Kafka carrying
 * remote mail. Each reply of the submission service is seen here as a mail program sees it.
 *
 * <p>Every failed AUTH counts against the client address 127.0.0.1, which all end-to-end classes
 * share (the policy service locks a client after 10 failures in 15 minutes, an account after 5):
 * this class spends 6 of the 10, the guessing on an account of its own.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionIT {

    private static final String DOMAIN = "submission.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    /** Only the password-guessing test logs in as this one: its lock must hold nobody else back. */
    private static final String GUESSED = "guessed@" + DOMAIN;
    private static final String SALES = "sales@" + DOMAIN;
    private static final String CAROL = "carol@remote.example";
    /** The policy service's {@code yubin.policy.auth.max-failures-per-account}, left at its default. */
    private static final int MAX_FAILURES_PER_ACCOUNT = 5;

    private RunningPlatform platform;
    private Api api;
    /** The domain's DKIM key as {@code POST /api/v1/dkim/{domain}} answered. */
    private JsonNode dkimKey;

    /**
     * The key exists before the first message from the domain: the MSA remembers for a minute
     * that a domain has no key, and would send unsigned meanwhile.
     */
    @BeforeAll
    void directoryAndDkimKey(PlatformExtension.Stack stack) {
        platform = stack.platform();
        api = new Api(platform);
        api.directory(DOMAIN, ALICE, BOB, GUESSED);
        api.alias(SALES, ALICE);
        HttpResponse<String> created = api.policy("POST", "/api/v1/dkim/" + DOMAIN, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        dkimKey = Api.json(created);
    }

    @Test
    void on587AuthIsOfferedOnlyAfterStartTlsAndMailWaitsForAuth() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", platform.submissionPort())) {
            smtp.expect("220").send("EHLO laptop.example.org").expect("250");
            assertThat(smtp.lastReply()).anyMatch(line -> line.contains("STARTTLS"))
                    .noneMatch(line -> line.contains("AUTH"));
            smtp.send(Smtp.authPlain(ALICE, Api.password(ALICE))).expect("538 5.7.11")
                    .send("MAIL FROM:<" + ALICE + ">").expect("530 5.7.0")
                    .send("STARTTLS").expect("220")
                    .startTls()
                    .send("EHLO laptop.example.org").expect("250");
            assertThat(smtp.lastReply()).anyMatch(line -> line.matches("250[- ]AUTH PLAIN LOGIN"))
                    .noneMatch(line -> line.contains("STARTTLS"));
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("530 5.7.0")
                    .send(Smtp.authPlain(ALICE, Api.password(ALICE))).expect("235 2.7.0")
                    .send("MAIL FROM:<" + ALICE + ">").expect("250")
                    .send("QUIT").expect("221");
        }
    }

    @Test
    void on465TlsComesFirstAndAuthLoginWorks() throws Exception {
        try (SmtpConversation smtp = Smtp.submissions(platform.submissionsPort())) {
            assertThat(smtp.lastReply()).anyMatch(line -> line.matches("250[- ]AUTH PLAIN LOGIN"))
                    .noneMatch(line -> line.contains("STARTTLS"));
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("530 5.7.0")
                    .send("AUTH LOGIN").expect("334 VXNlcm5hbWU6")
                    .send(Smtp.base64(ALICE)).expect("334 UGFzc3dvcmQ6")
                    .send(Smtp.base64(Api.password(ALICE))).expect("235 2.7.0")
                    .send("MAIL FROM:<" + ALICE + ">").expect("250")
                    .send("QUIT").expect("221");
        }
    }

    @Test
    void aWrongPasswordIs535AndTheSessionMayTryAgain() throws Exception {
        try (SmtpConversation smtp = Smtp.submission(platform.submissionPort())) {
            smtp.send(Smtp.authPlain(ALICE, "not the password")).expect("535 5.7.8")
                    .send("MAIL FROM:<" + ALICE + ">").expect("530 5.7.0")
                    .send(Smtp.authPlain(ALICE, Api.password(ALICE))).expect("235 2.7.0");
        }
    }

    @Test
    void aSenderTheAccountDoesNotOwnIs553AndSoIsTheNullSender() throws Exception {
        try (SmtpConversation smtp = loggedIn(ALICE)) {
            smtp.send("MAIL FROM:<" + BOB + ">").expect("553 5.7.1")
                    .send("MAIL FROM:<ceo@remote.example>").expect("553 5.7.1")
                    .send("MAIL FROM:<>").expect("553 5.7.1")
                    // an alias that reaches alice is hers to send from
                    .send("MAIL FROM:<" + SALES + ">").expect("250")
                    .send("QUIT").expect("221");
        }
    }

    @Test
    void aHeaderFromTheAccountDoesNotOwnIs550AfterData() throws Exception {
        try (SmtpConversation smtp = loggedIn(ALICE)) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("250")
                    .send("RCPT TO:<" + BOB + ">").expect("250")
                    .send("DATA").expect("354")
                    .sendRaw(message(BOB, BOB, "spoofed " + UUID.randomUUID()) + ".\r\n").expect("550 5.7.1")
                    .send("QUIT").expect("221");
        }
    }

    @Test
    void aLocalRecipientGetsTheMessageWithMessageIdDateAndOurReceivedAdded() throws Exception {
        String subject = "local " + UUID.randomUUID();
        String body = message(ALICE, BOB, subject);
        assertThat(body).doesNotContain("Message-ID:").doesNotContain("Date:");

        String queueId;
        try (SmtpConversation smtp = loggedIn(ALICE)) {
            queueId = Smtp.transaction(smtp, ALICE, body, BOB);
            smtp.send("QUIT").expect("221");
        }

        JsonNode stored = api.awaitMessage(BOB, queueId);
        assertThat(stored.get("subject").asString()).isEqualTo(subject);
        String raw = new String(api.raw(BOB, stored), StandardCharsets.UTF_8);
        assertThat(raw).containsPattern("(?m)^Message-ID: <" + queueId + "@[^>\r\n]+>\r\n")
                .containsPattern("(?m)^Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\r\n");
        String received = ourReceived(raw, queueId);
        assertThat(received).contains("with ESMTPSA").contains("for <" + BOB + ">")
                // the client's address stays out of it: users on the road are not tracked
                .doesNotContain("127.0.0.1");
        assertThat(raw).endsWith("\r\n\r\nHello,\r\n.a line that starts with a dot\r\n");
    }

    @Test
    void aRemoteRecipientGoesOutboundWithADkimSignatureThatJdkimVerifiesAgainstDns() throws Exception {
        String queueId;
        try (SmtpConversation smtp = loggedIn(ALICE)) {
            queueId = Smtp.transaction(smtp, ALICE, message(ALICE, CAROL, "remote " + UUID.randomUUID()), CAROL);
            smtp.send("QUIT").expect("221");
        }

        ConsumerRecord<String, byte[]> record = OutboundTopic.awaitRecord(platform, queueId);
        assertThat(record.key()).isEqualTo("remote.example");
        Envelope envelope = KafkaRecords.toEnvelope(record.headers());
        assertThat(envelope.recipients()).extracting(recipient -> recipient.address().toString()).containsExactly(CAROL);
        assertThat(envelope.authenticatedUser()).contains(ALICE);
        String sent = new String(record.value(), StandardCharsets.UTF_8);
        assertThat(sent).startsWith("DKIM-Signature: ");

        try (TestDnsServer dns = TestDnsServer.start()) {
            dns.txt(dkimKey.get("record").asString(), dkimKey.get("txt").asString());
            DKIMVerifier verifier = new DKIMVerifier(new DnsKeyRetriever(dns.port()));

            List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(record.value()));

            assertThat(valid).singleElement().satisfies(signature -> {
                assertThat(signature.getDToken().toString()).isEqualTo(DOMAIN);
                assertThat(signature.getSelector().toString()).isEqualTo(dkimKey.get("selector").asString());
                assertThat(signature.getHeaders()).extracting(header -> header.toString().toLowerCase(Locale.ROOT))
                        .contains("from", "to", "subject", "date", "message-id");
            });
            // the same verifier refuses the message once a byte of the body changes
            byte[] tampered = sent.replace("\r\nHello,\r\n", "\r\nHello!\r\n").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> verifier.verify(new ByteArrayInputStream(tampered))).isInstanceOf(FailException.class);
        }
    }

    @Test
    void passwordGuessingIsThrottledSoThatEvenTheRightPasswordGets454() throws Exception {
        try (SmtpConversation smtp = Smtp.submissions(platform.submissionsPort())) {
            smtp.send(Smtp.authPlain(GUESSED, Api.password(GUESSED))).expect("235 2.7.0");
        }
        try (SmtpConversation smtp = Smtp.submissions(platform.submissionsPort())) {
            for (int guess = 1; guess <= MAX_FAILURES_PER_ACCOUNT; guess++) {
                smtp.send(Smtp.authPlain(GUESSED, "guess-" + guess)).expect("535 5.7.8");
            }
            smtp.send(Smtp.authPlain(GUESSED, Api.password(GUESSED))).expect("454 4.7.0")
                    .send("MAIL FROM:<" + GUESSED + ">").expect("530 5.7.0");
        }
        try (SmtpConversation smtp = Smtp.submission(platform.submissionPort())) {
            // the lock is the account's, on both ports; alice from the same address is not held back
            smtp.send(Smtp.authPlain(GUESSED, Api.password(GUESSED))).expect("454 4.7.0");
        }
        try (SmtpConversation smtp = loggedIn(ALICE)) {
            smtp.send("MAIL FROM:<" + ALICE + ">").expect("250");
        }
        HttpResponse<String> decisions = api.policy("GET", "/api/v1/decisions?clientAddress=127.0.0.1&limit=1000", null);
        assertThat(decisions.statusCode()).isEqualTo(200);
        assertThat(decisions.body()).contains(GUESSED).contains("auth-throttle");
    }

    /** A session on 587 after STARTTLS and a successful AUTH PLAIN. */
    private SmtpConversation loggedIn(String account) throws Exception {
        return Smtp.submission(platform.submissionPort())
                .send(Smtp.authPlain(account, Api.password(account))).expect("235 2.7.0");
    }

    /** The Received header the MSA wrote for {@code queueId}, unfolded. */
    private static String ourReceived(String raw, String queueId) {
        Matcher matcher = Pattern.compile("(?m)^Received: from laptop\\.example\\.org[^;]*?id " + queueId + "[^;]*;")
                .matcher(raw);
        assertThat(matcher.find()).as("our Received header in%n%s", raw).isTrue();
        return matcher.group().replaceAll("\r\n\t", " ");
    }

    /** What a minimal mail program sends: no Message-ID, no Date (the MSA adds them). */
    private static String message(String from, String to, String subject) {
        return "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "\r\n"
                + "Hello,\r\n"
                + "..a line that starts with a dot\r\n";
    }
}
