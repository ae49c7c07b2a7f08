package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Abusive clients are refused at the stage where they show, over real SMTP sockets to the MTA of
 * the running platform, which asks the policy service at CONNECT, HELO, MAIL and RCPT. Each test
 * connects from its own 127.0.0.x (127.0.0.1 is a trusted network in the devstack, so it is not
 * used) and uses names of its own, because the policy service caches DNS answers, negative ones
 * too. The platform's settings are in {@link PlatformExtension}: DNSBL zones black (weight 2),
 * grey and dim (1 each) with threshold 2, greylisting after 3 s, PTR logged but not required,
 * a greet delay of 200 ms.
 */
@ExtendWith(PlatformExtension.class)
class AbuseRefusalIT {

    private static final String DOMAIN = "abuse.test";
    private static final String GREY = "grey@" + DOMAIN;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private RunningPlatform platform;
    private TestDnsServer dns;
    private Api api;
    /** Makes every name of this run new to the policy service's DNS cache. */
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void directory(PlatformExtension.Stack stack) {
        platform = stack.platform();
        dns = stack.dns();
        api = new Api(platform);
        api.directory(DOMAIN, GREY);
    }

    @Test
    void aClientOnABlocklistIsRefusedAtConnectWithoutBeingToldWhichAndTheDecisionLogNamesIt() throws IOException {
        dns.a("20.0.0.127.black.bl.test", "127.0.0.2");

        try (SmtpConversation smtp = from("127.0.0.20")) {
            smtp.expect("554 5.7.1 Access denied");
            assertThat(smtp.lastReplyText()).doesNotContainIgnoringCase("bl.test").doesNotContainIgnoringCase("black");
            assertThat(smtp.isClosedByServer()).isTrue();
        }

        JsonNode decision = awaitDecision("127.0.0.20", d -> d.path("stage").asString().equals("CONNECT"));
        assertThat(decision.path("action").asString()).isEqualTo("REJECT");
        assertThat(check(decision, "dnsbl")).contains("black.bl.test lists it [127.0.0.2] (weight 2)");
        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(platform.logFile("mta-service")))
                .contains("NOQUEUE: reject: CONNECT from [127.0.0.20]: 554 5.7.1 Access denied"));
    }

    @Test
    void theWeightsOfTheListingZonesAddUpToTheThreshold() throws IOException {
        dns.a("21.0.0.127.grey.bl.test", "127.0.0.2");
        dns.a("22.0.0.127.grey.bl.test", "127.0.0.2").a("22.0.0.127.dim.bl.test", "127.0.0.4");

        try (SmtpConversation smtp = from("127.0.0.21")) {
            smtp.expect("220 " + PlatformExtension.MTA_HOSTNAME).send("QUIT").expect("221");
        }
        try (SmtpConversation smtp = from("127.0.0.22")) {
            smtp.expect("554 5.7.1 Access denied");
        }

        assertThat(check(awaitDecision("127.0.0.21", connect()), "dnsbl")).contains("grey.bl.test lists it");
        assertThat(awaitDecision("127.0.0.21", connect()).path("action").asString()).isEqualTo("ACCEPT");
        assertThat(check(awaitDecision("127.0.0.22", connect()), "dnsbl"))
                .contains("grey.bl.test lists it").contains("dim.bl.test lists it");
    }

    @Test
    void forwardConfirmedReverseDnsIsLoggedAsPassNoneOrMismatchAndNotRequiredHere() throws IOException {
        String good = "h23-" + run + ".fcrdns.test";
        String liar = "h25-" + run + ".fcrdns.test";
        dns.ptr("127.0.0.23", good).a(good, "127.0.0.23");
        dns.ptr("127.0.0.25", liar).a(liar, "127.0.0.99");

        // yubin.policy.ptr.required=false (the default): the result is only logged, the client goes on
        for (String client : List.of("127.0.0.23", "127.0.0.24", "127.0.0.25")) {
            try (SmtpConversation smtp = from(client)) {
                smtp.expect("220").send("QUIT").expect("221");
            }
        }

        assertThat(check(awaitDecision("127.0.0.23", connect()), "ptr")).startsWith("fcrdns=pass");
        assertThat(check(awaitDecision("127.0.0.24", connect()), "ptr")).startsWith("fcrdns=none");
        assertThat(check(awaitDecision("127.0.0.25", connect()), "ptr")).startsWith("fcrdns=mismatch");
    }

    @Test
    void heloLocalhostOurOwnNameAndABareWordAreRefusedAndTheClientMayThenGiveAProperName() throws IOException {
        try (SmtpConversation smtp = from("127.0.0.26")) {
            smtp.expect("220")
                    .send("EHLO localhost").expect("550 5.7.1 Helo command rejected")
                    .send("EHLO " + PlatformExtension.MTA_HOSTNAME).expect("550 5.7.1 Helo command rejected")
                    .send("HELO vm").expect("550 5.7.1 Helo command rejected")
                    .send("MAIL FROM:<someone@remote.example>").expect("503 5.5.1")
                    .send("EHLO client-" + run + ".remote.example").expect("250 ");
        }

        List<JsonNode> helos = awaitDecisions("127.0.0.26", d -> d.path("stage").asString().equals("HELO"), 4);
        assertThat(helos).extracting(d -> check(d, "helo")).contains(
                "HELO localhost claims to be localhost",
                "HELO " + PlatformExtension.MTA_HOSTNAME + " is one of our own names",
                "HELO vm is not a fully qualified domain name");
    }

    @Test
    void spfPassAndSoftfailAreAcceptedAndRecordedFailIsRefusedAndTemperrorIsATemporaryRefusal() throws IOException {
        String pass = senderDomain("pass", "v=spf1 ip4:127.0.0.27 -all");
        String fail = senderDomain("fail", "v=spf1 -all");
        String soft = senderDomain("soft", "v=spf1 ~all");
        String silent = "silent-" + run + ".spf.test";
        dns.silence(silent);

        try (SmtpConversation smtp = from("127.0.0.27")) {
            smtp.expect("220").send("EHLO client-" + run + ".remote.example").expect("250 ")
                    .send("MAIL FROM:<someone@" + pass + ">").expect("250 2.1.0").send("RSET").expect("250")
                    .send("MAIL FROM:<someone@" + fail + ">").expect("550 5.7.23")
                    .send("MAIL FROM:<someone@" + soft + ">").expect("250 2.1.0").send("RSET").expect("250")
                    .send("MAIL FROM:<someone@" + silent + ">").expect("451 4.7.24");
        }

        assertThat(check(awaitMail("someone@" + pass), "spf")).startsWith("spf=pass");
        assertThat(check(awaitMail("someone@" + soft), "spf")).startsWith("spf=softfail");
        JsonNode failed = awaitMail("someone@" + fail);
        assertThat(failed.path("action").asString()).isEqualTo("REJECT");
        assertThat(check(failed, "spf")).startsWith("spf=fail");
        assertThat(check(awaitMail("someone@" + silent), "spf")).startsWith("spf=temperror");
    }

    @Test
    void greylistingRefusesTheFirstTryAndEarlyRetriesThenPassesTheTripletFromThenOn() throws IOException {
        String sender = "someone@" + senderDomain("grey", "v=spf1 ip4:127.0.0.0/24 -all");

        rcpt(sender, "451 4.7.1 Greylisted");
        rcpt(sender, "451 4.7.1 Greylisted");

        // the delay is 3 s: a retry after it passes, and the message is stored
        await().atMost(WAIT).pollDelay(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            try (SmtpConversation smtp = session()) {
                smtp.send("MAIL FROM:<" + sender + ">").expect("250").send("RCPT TO:<" + GREY + ">").expect("250 2.1.5")
                        .send("DATA").expect("354")
                        .sendRaw(Smtp.message("after greylisting " + run, GREY) + ".\r\n").expect("250 2.0.0");
            }
        });
        // later mail of the same triplet passes at once
        rcpt(sender, "250 2.1.5");
    }

    @Test
    void aClientThatTalksBeforeTheGreetingIsDropped() throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.29", 0));
            socket.connect(new InetSocketAddress("127.0.0.1", platform.smtpPort()));
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("EHLO hasty.example\r\nMAIL FROM:<spam@hasty.example>\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String said = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(said).isEqualTo("521 5.5.1 Protocol error\r\n");
        }
    }

    @Test
    void withThePolicyServiceStoppedTheMtaAnswers4xxAndNeverAccepts() throws IOException {
        try (SmtpConversation open = from("127.0.0.30")) {
            open.expect("220").send("EHLO client-" + run + ".remote.example").expect("250 ");
            platform.stopService("policy-service");
            try {
                open.send("MAIL FROM:<someone@remote.example>").expect("451 4.3.0");
                try (SmtpConversation late = from("127.0.0.31")) {
                    late.expect("421 4.3.0");
                }
            } finally {
                platform.startService("policy-service");
            }
        }
        // the MTA's breaker lets a probe through within seconds, and the service answers again
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            try (SmtpConversation smtp = SmtpConversation.connect("127.0.0.1", platform.smtpPort())) {
                smtp.expect("220").send("EHLO client.remote.example").expect("250 ")
                        .send("MAIL FROM:<someone@remote.example>").expect("250 2.1.0");
            }
        });
    }

    /** A new session from 127.0.0.28 after EHLO. */
    private SmtpConversation session() throws IOException {
        return from("127.0.0.28").expect("220").send("EHLO client-" + run + ".remote.example").expect("250 ");
    }

    private void rcpt(String sender, String expected) throws IOException {
        try (SmtpConversation smtp = session()) {
            smtp.send("MAIL FROM:<" + sender + ">").expect("250").send("RCPT TO:<" + GREY + ">").expect(expected);
        }
    }

    private SmtpConversation from(String client) throws IOException {
        return SmtpConversation.connect("127.0.0.1", platform.smtpPort(), client);
    }

    /** A sender domain of this run that exists (an A record) and has the given SPF record. */
    private String senderDomain(String label, String spf) {
        String domain = (label + "-" + run + ".spf.test").toLowerCase(Locale.ROOT);
        dns.a(domain, "192.0.2.10").txt(domain, spf);
        return domain;
    }

    private static Predicate<JsonNode> connect() {
        return d -> d.path("stage").asString().equals("CONNECT");
    }

    private JsonNode awaitDecision(String client, Predicate<JsonNode> which) {
        return awaitDecisions(client, which, 1).get(0);
    }

    /** The newest {@code count} decisions about a client that match (the log is written in the background). */
    private List<JsonNode> awaitDecisions(String client, Predicate<JsonNode> which, int count) {
        return await().atMost(WAIT).until(() -> decisions("clientAddress=" + client).stream().filter(which).toList(),
                found -> found.size() >= count);
    }

    private JsonNode awaitMail(String sender) {
        return await().atMost(WAIT).until(() -> decisions("sender=" + sender).stream()
                .filter(d -> d.path("stage").asString().equals("MAIL")).findFirst().orElse(null), d -> d != null);
    }

    private List<JsonNode> decisions(String query) {
        JsonNode list = Api.json(api.policy("GET", "/api/v1/decisions?" + query + "&limit=1000", null));
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    /** The detail of one check of a decision, or "" when it did not run. */
    private static String check(JsonNode decision, String name) {
        return StreamSupport.stream(decision.path("checks").spliterator(), false)
                .filter(c -> c.path("name").asString().equals(name))
                .map(c -> c.path("detail").asString()).findFirst().orElse("");
    }
}
