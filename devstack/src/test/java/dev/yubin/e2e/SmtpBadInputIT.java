package dev.yubin.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.fixtures.SmtpConversation;
import dev.yubin.devstack.launcher.RunningPlatform;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What bad input gets (CONTRACT §7): the contract's reply, and the service keeps serving. */
@ExtendWith(PlatformExtension.class)
class SmtpBadInputIT {

    private static final String DOMAIN = "badinput.test";
    private static final String DAVE = "dave@" + DOMAIN;

    private RunningPlatform platform;
    private Api api;

    @BeforeEach
    void directory(PlatformExtension.Stack stack) {
        platform = stack.platform();
        api = new Api(platform);
        api.directory(DOMAIN, DAVE);
    }

    @Test
    void aCommandLineOver1000OctetsIsRefusedWith500AndTheSessionGoesOn() throws Exception {
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<" + "a".repeat(1100) + "@remote.example>").expect("500 5.5.2")
                    .send("NOOP").expect("250");
        }
    }

    @Test
    void aBareLfInTheDataIsRefusedAndNotRunAsCommands() throws Exception {
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<someone@remote.example>").expect("250")
                    .send("RCPT TO:<" + DAVE + ">").expect("250")
                    .send("DATA").expect("354")
                    .sendRaw("Subject: smuggle\r\n\r\nhello\n.\r\nMAIL FROM:<evil@remote.example>\r\n.\r\n")
                    .expect("5")
                    .send("NOOP").expect("250");
        }
    }

    @Test
    void dataOverTheSizeLimitIsRefusedWith552() throws Exception {
        String line = "x".repeat(998) + "\r\n";
        String body = "Subject: big\r\n\r\n" + line.repeat(PlatformExtension.MAX_MESSAGE_SIZE / line.length() + 10);
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<someone@remote.example>").expect("250")
                    .send("RCPT TO:<" + DAVE + ">").expect("250")
                    .send("DATA").expect("354")
                    .sendRaw(body + ".\r\n").expect("552 5.3.4")
                    .send("NOOP").expect("250");
        }
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedAtMailFrom() throws Exception {
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<someone@remote.example> SIZE=" + (PlatformExtension.MAX_MESSAGE_SIZE + 1)).expect("552");
        }
    }

    @Test
    void the101stRecipientIsRefusedWith452() throws Exception {
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<someone@remote.example>").expect("250");
            for (int i = 0; i < 100; i++) {
                smtp.send("RCPT TO:<" + DAVE + ">").expect("250");
            }
            smtp.send("RCPT TO:<" + DAVE + ">").expect("452 4.5.3");
        }
    }

    @Test
    void aClientSendingGarbageIsDisconnectedAfterTheErrorLimit() throws Exception {
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            for (int i = 0; i < 10; i++) {
                smtp.send("GARBAGE " + i).expect("5");
            }
            // the eleventh error reply is followed by 421 and the end of the connection
            smtp.send("MORE GARBAGE").expect("5").expect("421 4.7.0");
            assertThat(smtp.isClosedByServer()).isTrue();
        }
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("NOOP").expect("250");
        }
    }

    @Test
    void aSourceRouteIsRefused() throws Exception {
        try (SmtpConversation smtp = Smtp.greet(platform.smtpPort())) {
            smtp.send("MAIL FROM:<@relay.example:someone@remote.example>").expect("553");
        }
    }

    @Test
    void restRefusesNonJsonAndInvalidBodiesWithProblemDetails() {
        HttpResponse<String> notJson = api.policy("POST", "/api/v1/domains", "this is not json");
        HttpResponse<String> badDomain = api.policy("POST", "/api/v1/domains", "{\"name\":\"not a domain!\"}");
        HttpResponse<String> badAddress = api.policy("POST", "/api/v1/accounts",
                "{\"address\":\"no-at-sign\",\"password\":\"long enough\"}");

        for (HttpResponse<String> response : new HttpResponse[] {notJson, badDomain, badAddress}) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(api.policy("GET", "/api/v1/domains/" + DOMAIN, null).statusCode()).isEqualTo(200);
    }
}
