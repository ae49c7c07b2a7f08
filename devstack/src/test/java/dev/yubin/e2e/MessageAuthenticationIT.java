package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * DKIM, DMARC and Authentication-Results over a real SMTP socket to the MTA of the running
 * platform (issue 5, DATA stage). Every DNS record (SPF, {@code _dmarc.}, {@code _domainkey.})
 * is served by the test's DNS server that the MTA and the policy service both ask; each test
 * uses domains of its own, because the policy service caches answers, negative ones too.
 *
 * <p>The signer is independent of the verifier: messages are signed here with Apache jDKIM's
 * {@link DKIMSigner} and a key pair made by the test; the MTA verifies them in its own process
 * with jDKIM's verifier behind its own DNS key lookup, knowing only the published public key.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageAuthenticationIT {

    private static final String DOMAIN = "authentication.test";
    private static final String RCPT = "rcpt@" + DOMAIN;

    private RunningPlatform platform;
    private TestDnsServer dns;
    private Api api;
    private KeyPair key;
    /** The MTA's name, its authserv-id, as its greeting announces it. */
    private String mtaName;

    @BeforeAll
    void keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
    }

    @BeforeEach
    void directory(PlatformExtension.Stack stack) throws Exception {
        platform = stack.platform();
        dns = stack.dns();
        api = new Api(platform);
        api.directory(DOMAIN, RCPT);
        try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", platform.smtpPort()).expect("220")) {
            mtaName = smtp.lastReply().get(0).substring(4).split(" ")[0];
            smtp.send("QUIT").expect("221");
        }
    }

    /** A fresh sender domain: resolvable, with an SPF record that passes 127.0.0.1, and the given DMARC record. */
    private String senderDomain(String dmarc) {
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        dns.a(domain, "192.0.2.80").mx(domain, 10, "mx." + domain).a("mx." + domain, "192.0.2.80")
                .txt(domain, "v=spf1 ip4:127.0.0.1 -all");
        if (dmarc != null) {
            dns.txt("_dmarc." + domain, dmarc);
        }
        return domain;
    }

    private String publishKey(String domain) {
        String selector = "sel" + UUID.randomUUID().toString().substring(0, 4);
        dns.txt(selector + "._domainkey." + domain,
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
        return selector;
    }

    private static String message(String fromDomain, String subject) {
        return "From: Sender <news@" + fromDomain + ">\r\n"
                + "To: " + RCPT + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + fromDomain + ">\r\n"
                + "\r\n"
                + "Hello,\r\n"
                + "this is the signed body.\r\n";
    }

    private String sign(String message, String domain, String selector) throws Exception {
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + "; h=from:to:subject:date:message-id; bh=; b=;", key.getPrivate());
        return signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8))) + "\r\n" + message;
    }

    @Test
    void aMessageSignedByAnIndependentSignerPassesDkimAndDmarcAndIsStoredWithOurAuthenticationResults() throws Exception {
        String domain = senderDomain("v=DMARC1; p=reject");
        String selector = publishKey(domain);
        String signed = sign(message(domain, "signed " + UUID.randomUUID()), domain, selector);
        // a sender's claim in our name must not survive (RFC 8601 §5)
        String forged = "Authentication-Results: " + mtaName + "; dkim=pass header.d=bank.example\r\n";

        // MAIL FROM of another domain: DMARC passes on the aligned DKIM signature alone
        String queueId = Smtp.send(platform.smtpPort(), "bounce@" + senderDomain(null), forged + signed, RCPT);

        JsonNode stored = api.awaitMessage(RCPT, queueId);
        String raw = new String(api.raw(RCPT, stored), StandardCharsets.UTF_8);
        String results = authenticationResults(raw);
        assertThat(results).startsWith("Authentication-Results: " + mtaName + ";")
                .contains("dkim=pass header.d=" + domain + " header.s=" + selector)
                .contains("dmarc=pass (p=reject) header.from=" + domain);
        assertThat(raw).doesNotContain("bank.example");
        assertThat(raw).endsWith(signed);
        assertThat(decisionsAbout(queueId)).contains("dmarc=pass (p=reject) header.from=" + domain);
    }

    @Test
    void aTamperedBodyFailsDkimAndQuarantineFilesTheMessageInJunk() throws Exception {
        String domain = senderDomain("v=DMARC1; p=quarantine");
        String selector = publishKey(domain);
        String subject = "tampered " + UUID.randomUUID();
        String tampered = sign(message(domain, subject), domain, selector)
                .replace("this is the signed body.", "this is another body.");

        String queueId = Smtp.send(platform.smtpPort(), "bounce@" + senderDomain(null), tampered, RCPT);

        JsonNode junk = await().atMost(Duration.ofSeconds(60)).until(() -> inFolder("Junk", queueId), node -> node != null);
        assertThat(junk.get("subject").asString()).isEqualTo(subject);
        assertThat(api.messagesWithQueueId(RCPT, queueId)).as("not in the INBOX").isEmpty();
        String results = authenticationResults(new String(api.raw(RCPT, junk), StandardCharsets.UTF_8));
        assertThat(results).contains("dkim=fail header.d=" + domain)
                .contains("dmarc=fail (p=quarantine dis=quarantine) header.from=" + domain);
        assertThat(decisionsAbout(queueId)).contains("dmarc=fail (p=quarantine dis=quarantine) header.from=" + domain);
    }

    @Test
    void pRejectWithNeitherSpfNorDkimAlignedIsRefusedWith550AndTheReasonIsInTheDecisionLogOnly() throws Exception {
        String domain = senderDomain("v=DMARC1; p=reject");
        String subject = "spoofed " + UUID.randomUUID();
        // SPF passes for the MAIL FROM domain, which is not the From: domain; no DKIM signature
        String mailFrom = "bounce@" + senderDomain(null);

        String reply;
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<" + mailFrom + ">").expect("250")
                    .send("RCPT TO:<" + RCPT + ">").expect("250")
                    .send("DATA").expect("354")
                    .sendRaw(message(domain, subject) + ".\r\n").expect("550 5.7.1");
            reply = smtp.lastReply().get(0);
            smtp.send("QUIT").expect("221");
        }

        assertThat(reply).doesNotContain("DMARC").doesNotContain(domain);
        String log = decisions();
        assertThat(log).contains("dmarc=fail (p=reject dis=reject) header.from=" + domain);
        assertThat(inFolder("INBOX", subject)).isNull();
        assertThat(inFolder("Junk", subject)).isNull();
    }

    /** The entry of {@code queueIdOrSubject} in a folder of the recipient's mailbox, or null. */
    private JsonNode inFolder(String folder, String queueIdOrSubject) {
        HttpResponse<String> response = api.mdaAs(RCPT, Api.password(RCPT), "GET",
                "/api/v1/mailboxes/" + RCPT + "/messages?folder=" + folder);
        assertThat(response.statusCode()).isEqualTo(200);
        return Api.json(response).valueStream()
                .filter(node -> queueIdOrSubject.equals(node.path("queueId").asString())
                        || queueIdOrSubject.equals(node.path("subject").asString()))
                .findFirst().orElse(null);
    }

    /** Our Authentication-Results field, unfolded. */
    private String authenticationResults(String raw) {
        int start = raw.indexOf("Authentication-Results: " + mtaName + ";");
        assertThat(start).as("our Authentication-Results field in\n" + raw).isNotNegative();
        int end = start;
        do {
            end = raw.indexOf("\r\n", end) + 2;
        } while (raw.charAt(end) == '\t' || raw.charAt(end) == ' ');
        return raw.substring(start, end - 2).replace("\r\n\t", " ");
    }

    private String decisions() {
        HttpResponse<String> response = api.policy("GET", "/api/v1/decisions?clientAddress=127.0.0.1&limit=1000", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The DATA decisions of one message, as JSON text. */
    private String decisionsAbout(String queueId) {
        List<String> found = Api.json(api.policy("GET", "/api/v1/decisions?clientAddress=127.0.0.1&limit=1000", null))
                .valueStream()
                .filter(d -> queueId.equals(d.path("queueId").asString()) && "DATA".equals(d.path("stage").asString()))
                .map(JsonNode::toString)
                .toList();
        assertThat(found).as("a DATA decision of " + queueId).isNotEmpty();
        return String.join("\n", found);
    }
}
