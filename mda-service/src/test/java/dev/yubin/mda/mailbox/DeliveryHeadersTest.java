package dev.yubin.mda.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeliveryHeadersTest {

    private static final MailAddress BOB = MailAddress.parse("bob@example.test");

    @Test
    void returnPathAndDeliveredToWithTheMessagesLineEnding() {
        assertThat(headers(ReversePath.parse("<alice@example.org>"), "Subject: x\r\n\r\nbody\r\n"))
                .isEqualTo("Return-Path: <alice@example.org>\r\nDelivered-To: bob@example.test\r\n");
        assertThat(headers(ReversePath.parse("<alice@example.org>"), "Subject: x\n\nbody\n"))
                .isEqualTo("Return-Path: <alice@example.org>\nDelivered-To: bob@example.test\n");
    }

    @Test
    void bounceHasTheNullReturnPath() {
        assertThat(headers(ReversePath.NULL, "Subject: x\r\n\r\n")).startsWith("Return-Path: <>\r\n");
    }

    @Test
    void messageWithoutLineBreakGetsCrlf() {
        assertThat(DeliveryHeaders.lineEnding(new byte[0])).isEqualTo("\r\n");
        assertThat(DeliveryHeaders.lineEnding("\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo("\n");
    }

    private static String headers(ReversePath sender, String message) {
        return new String(DeliveryHeaders.of(sender, BOB, message.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }
}
