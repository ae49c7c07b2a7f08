package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnhancedCodesTest {

    @Test
    void addsTheCodeThatFitsTheReplyAndItsCommand() {
        assertThat(EnhancedCodes.ensure(250, "Ok", "MAIL")).isEqualTo("2.1.0 Ok");
        assertThat(EnhancedCodes.ensure(250, "Ok", "RCPT")).isEqualTo("2.1.5 Ok");
        assertThat(EnhancedCodes.ensure(250, "Ok", "RSET")).isEqualTo("2.0.0 Ok");
        assertThat(EnhancedCodes.ensure(221, "Bye", "QUIT")).isEqualTo("2.0.0 Bye");
        assertThat(EnhancedCodes.ensure(503, "Error: need RCPT command", "DATA")).isEqualTo("5.5.1 Error: need RCPT command");
        assertThat(EnhancedCodes.ensure(501, "Syntax: MAIL FROM: <address>", "MAIL")).isEqualTo("5.5.4 Syntax: MAIL FROM: <address>");
        assertThat(EnhancedCodes.ensure(421, "Timeout waiting for data from client.", null))
                .isEqualTo("4.4.2 Timeout waiting for data from client.");
        assertThat(EnhancedCodes.ensure(454, "TLS not supported", "STAR")).isEqualTo("4.7.0 TLS not supported");
        assertThat(EnhancedCodes.ensure(250, "", "NOOP")).isEqualTo("2.0.0");
        assertThat(EnhancedCodes.ensure(501, "Syntax: HELO <hostname>", "HELO")).isEqualTo("5.5.4 Syntax: HELO <hostname>");
    }

    @Test
    void leavesTheGreetingHeloIntermediateAndCodedRepliesAlone() {
        assertThat(EnhancedCodes.ensure(220, "mx ESMTP Yubin", null)).isEqualTo("mx ESMTP Yubin");
        assertThat(EnhancedCodes.ensure(250, "mx.yubin.test", "HELO")).isEqualTo("mx.yubin.test");
        assertThat(EnhancedCodes.ensure(354, "End data with <CR><LF>.<CR><LF>", "DATA")).startsWith("End data");
        assertThat(EnhancedCodes.ensure(552, "5.3.4 Message size exceeds fixed limit", "MAIL"))
                .isEqualTo("5.3.4 Message size exceeds fixed limit");
    }
}
