package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyStreamTest {

    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final PendingCommands commands = new PendingCommands();
    private final List<PendingCommands.Command> answered = new ArrayList<>();
    private final ErrorCounter errors = new ErrorCounter(1);
    private boolean closed;
    private final ReplyStream replies = new ReplyStream(wire, commands, answered::add, errors::count, () -> closed = true);

    @Test
    void subEthaSmtpRepliesGetTheEnhancedCodeOfTheirCommand() throws IOException {
        send("220 mx.yubin.test ESMTP Yubin");
        commands.sent("MAIL");
        commands.sent("RCPT");
        commands.sent("XYZZ");

        send("250 Ok");
        send("250 Ok");
        send("500 Error: command not implemented");

        assertThat(wire()).isEqualTo("220 mx.yubin.test ESMTP Yubin\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
                + "500 5.5.2 Error: command not implemented\r\n");
        assertThat(answered).extracting(PendingCommands.Command::verb).containsExactly("MAIL", "RCPT", "XYZZ");
    }

    @Test
    void repliesWithACodeAndMultiLineRepliesAreLeftAlone() throws IOException {
        commands.sent("EHLO");
        commands.sent("RCPT");

        send("250-mx.yubin.test\r\n250-PIPELINING\r\n250 STARTTLS");
        send("550 5.1.1 Recipient address rejected: user unknown");

        assertThat(wire()).isEqualTo("250-mx.yubin.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n"
                + "550 5.1.1 Recipient address rejected: user unknown\r\n");
    }

    @Test
    void anIntermediateReplyDoesNotAnswerItsCommand() throws IOException {
        commands.sent("DATA");

        send("354 End data with <CR><LF>.<CR><LF>");
        assertThat(answered).isEmpty();
        send("250 2.0.0 Ok: queued as X");

        assertThat(answered).extracting(PendingCommands.Command::verb).containsExactly("DATA");
    }

    @Test
    void oneErrorTooManyAdds421AndCloses() throws IOException {
        send("500 Error: bad syntax");
        assertThat(closed).isFalse();

        send("500 Error: bad syntax");

        assertThat(wire()).endsWith("500 5.5.2 Error: bad syntax\r\n421 4.7.0 Too many errors, closing connection\r\n");
        assertThat(closed).isTrue();
    }

    @Test
    void afterStartTlsBytesPassUnread() throws IOException {
        replies.passThrough();

        replies.write(new byte[] {22, 3, 1, '5', '0', '0', ' ', '\r', '\n'});

        assertThat(wire.toByteArray()).containsExactly(22, 3, 1, '5', '0', '0', ' ', '\r', '\n');
        assertThat(errors.errors()).isZero();
    }

    @Test
    void linesAnsweringAuthChallengesAreNoCommandsEvenWhenPipelined() throws IOException {
        commands.sent("AUTH");
        commands.sent("dXNl");   // the username, pipelined: the filter took it for a command
        commands.sent("DATA");   // the password: base64 can spell a verb

        send("334 VXNlcm5hbWU6");
        send("334 UGFzc3dvcmQ6");
        send("235 Authentication successful.");

        assertThat(answered).extracting(PendingCommands.Command::verb).containsExactly("dXNl", "DATA", "AUTH");
        assertThat(wire()).endsWith("235 2.7.0 Authentication successful.\r\n");
        assertThat(commands.answered()).isNull();
    }

    @Test
    void aChallengeBeforeTheAnswerArrivedMakesTheNextLineNoCommand() throws IOException {
        commands.sent("AUTH");

        send("334 ");

        assertThat(commands.takeContinuation()).isTrue();
        assertThat(commands.takeContinuation()).isFalse();
        send("535 5.7.8 Authentication credentials invalid");
        assertThat(answered).extracting(PendingCommands.Command::verb).containsExactly("AUTH");
    }

    /** As SubEthaSMTP's Session does it. */
    @Test
    void repliesWrittenInPiecesOrByteByByteComeOutAlike() throws IOException {
        commands.sent("EHLO");
        commands.sent("MAIL");
        commands.sent("RCPT");
        byte[] replies = "250-mx.yubin.test\r\n250 PIPELINING\r\n250 Ok\r\n250 Ok\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        this.replies.write(replies, 0, 7);
        this.replies.write(replies[7]);
        this.replies.write(replies, 8, 30);
        for (int i = 38; i < replies.length; i++) {
            this.replies.write(replies[i]);
        }

        assertThat(wire()).isEqualTo("250-mx.yubin.test\r\n250 PIPELINING\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n");
        assertThat(answered).extracting(PendingCommands.Command::verb).containsExactly("EHLO", "MAIL", "RCPT");
    }

    private void send(String response) {
        PrintWriter writer = new PrintWriter(replies);
        writer.print(response + "\r\n");
        writer.flush();
    }

    private String wire() {
        return wire.toString(StandardCharsets.ISO_8859_1);
    }
}
