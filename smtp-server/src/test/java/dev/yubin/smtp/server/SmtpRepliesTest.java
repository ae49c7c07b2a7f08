package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.smtp.SmtpReply;
import org.junit.jupiter.api.Test;

class SmtpRepliesTest {

    @Test
    void subEthaSmtpGetsTheCodeAndATextThatStartsWithTheEnhancedCode() {
        assertThat(SmtpReplies.reject(SmtpReply.UNKNOWN_USER).getErrorResponse())
                .isEqualTo("550 5.1.1 Recipient address rejected: user unknown");
        assertThat(SmtpReplies.drop(SmtpReply.POLICY_REJECT).getErrorResponse())
                .isEqualTo("554 5.7.1 Access denied");
        assertThat(SmtpReplies.textOf(SmtpReply.queued("Q"))).isEqualTo("2.0.0 Ok: queued as Q");
    }

    @Test
    void aConfiguredServerNameWinsAndABlankOneFallsBackToTheHostName() {
        assertThat(ServerName.resolve("  mx.example.test ", "yubin.mta.hostname")).isEqualTo("mx.example.test");
        assertThat(ServerName.resolve(" ", "yubin.mta.hostname")).isNotBlank();
    }
}
