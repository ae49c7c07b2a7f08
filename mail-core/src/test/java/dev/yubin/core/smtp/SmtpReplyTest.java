package dev.yubin.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmtpReplyTest {

    @Test
    void writesTheReplyLineWithItsEnhancedCode() {
        assertThat(SmtpReply.UNKNOWN_USER.toString()).startsWith("550 5.1.1 ");
        assertThat(SmtpReply.queued("01JXYZ")).hasToString("250 2.0.0 Ok: queued as 01JXYZ");
    }

    @Test
    void classifiesReplies() {
        assertThat(SmtpReply.SYSTEM_UNAVAILABLE.isTransient()).isTrue();
        assertThat(SmtpReply.RELAY_DENIED.isPermanent()).isTrue();
        assertThat(SmtpReply.OK.isPositive()).isTrue();
    }

    @Test
    void refusesAnEnhancedCodeOfAnotherClass() {
        assertThatThrownBy(() -> new SmtpReply(550, "4.1.1", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmtpReply(999, "5.1.1", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
