package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandLineFilterTest {

    private final PendingCommands commands = new PendingCommands();

    @Test
    void commandLinesPassUnchangedAndAreRemembered() throws IOException {
        assertThat(filtered("EHLO client.example.org\r\nmail FROM:<a@b.example>\r\n"))
                .isEqualTo("EHLO client.example.org\r\nmail FROM:<a@b.example>\r\n");
        assertThat(commands.answered().verb()).isEqualTo("EHLO");
        assertThat(commands.answered().verb()).isEqualTo("MAIL");
        assertThat(commands.answered()).isNull();
    }

    @Test
    void aCommandLineOverTheLimitBecomesTheLineTooLongCommand() throws IOException {
        String longLine = "NOOP " + "x".repeat(2000) + "\r\n";

        assertThat(filtered(longLine + "QUIT\r\n")).isEqualTo(LineTooLongCommand.VERB + "\r\nQUIT\r\n");
    }

    @Test
    void theLongestLineSubEthaSmtpCanReadPasses() throws IOException {
        String fits = "NOOP " + "x".repeat(CommandLineFilter.MAX_COMMAND_LINE - 2 - 5) + "\r\n";
        String tooLong = "NOOP " + "x".repeat(CommandLineFilter.MAX_COMMAND_LINE - 1 - 5) + "\r\n";

        assertThat(fits).hasSize(CommandLineFilter.MAX_COMMAND_LINE);
        assertThat(filtered(fits)).isEqualTo(fits);
        assertThat(filtered(tooLong)).isEqualTo(LineTooLongCommand.VERB + "\r\n");
    }

    @Test
    void messageDataPassesUntouchedUpToTheEndOfData() throws IOException {
        String body = "Subject: x\r\n\r\n" + "y".repeat(3000) + "\r\n..stuffed\r\nbare\nlf\r\n";
        String session = "DATA\r\n" + body + ".\r\n" + "NOOP " + "z".repeat(1500) + "\r\n";

        assertThat(filtered(session)).isEqualTo("DATA\r\n" + body + ".\r\n" + LineTooLongCommand.VERB + "\r\n");
    }

    @Test
    void anEmptyMessageEndsAtOnce() throws IOException {
        assertThat(filtered("DATA\r\n.\r\nNOOP " + "z".repeat(1500) + "\r\n"))
                .isEqualTo("DATA\r\n.\r\n" + LineTooLongCommand.VERB + "\r\n");
    }

    @Test
    void bdatChunksPassUntouchedForTheirLength() throws IOException {
        String chunk = "a".repeat(1200) + "\r\n.\r\n";
        String session = "BDAT " + chunk.length() + " LAST\r\n" + chunk + "NOOP " + "z".repeat(1500) + "\r\n";

        assertThat(filtered(session)).isEqualTo("BDAT " + chunk.length() + " LAST\r\n" + chunk + LineTooLongCommand.VERB + "\r\n");
    }

    @Test
    void aDataCommandRefusedBeforeItsDataLeavesCommandMode() throws IOException {
        CommandLineFilter filter = new CommandLineFilter(new ByteArrayInputStream(bytes("DATA\r\n")), commands);
        readAll(filter);

        filter.answered(commands.answered());

        assertThat(filter.available()).isZero();
        CommandLineFilter next = new CommandLineFilter(new ByteArrayInputStream(bytes("DATA\r\n")), commands);
        readAll(next);
        next.answered(new PendingCommands.Command("RSET", -1));
        assertThat(commands.answered().verb()).isEqualTo("DATA");
    }

    @Test
    void onlyWholeLinesAreHandedOnAndTheRestOnEndOfStream() throws IOException {
        InputStream slow = new ByteArrayInputStream(bytes("RSET\r\nNOOP")) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        CommandLineFilter filter = new CommandLineFilter(slow, commands);
        byte[] buffer = new byte[100];

        int n = filter.read(buffer, 0, buffer.length);

        assertThat(new String(buffer, 0, n, StandardCharsets.ISO_8859_1)).isEqualTo("RSET\r\n");
        assertThat(filter.read(buffer, 0, buffer.length)).isEqualTo(-1);
    }

    @Test
    void afterStartTlsPendingBytesAreDroppedAndTheRestPassesRaw() throws IOException {
        CommandLineFilter filter = new CommandLineFilter(
                new ByteArrayInputStream(bytes("STARTTLS\r\nMAIL FROM:<injected@example>\r\n")), commands);
        byte[] buffer = new byte[10];
        assertThat(filter.read(buffer, 0, 10)).isEqualTo(10);

        filter.passThrough();

        assertThat(filter.read(buffer, 0, 10)).isEqualTo(-1);
    }

    @Test
    void aLineAnsweringAnAuthChallengeIsNoCommandNotEvenData() throws IOException {
        commands.sent("AUTH");
        commands.challenged();

        assertThat(filtered("DATA\r\nNOOP " + "z".repeat(1500) + "\r\n"))
                .isEqualTo("DATA\r\n" + LineTooLongCommand.VERB + "\r\n");
        assertThat(commands.answered().verb()).isEqualTo("AUTH");
        assertThat(commands.answered().verb()).isEqualTo("X-YU");
        assertThat(commands.answered()).isNull();
    }

    @Test
    void aSessionArrivingInPiecesOfAnySizeIsFilteredAlike() throws IOException {
        String chunk = "b".repeat(700) + "\r\n.\r\n";
        String session = "EHLO c.example\r\nNOOP " + "x".repeat(1200) + "\r\nDATA\r\nSubject: s\r\n\r\n"
                + "y".repeat(900) + "\r\n..dot\r\n\r.\r\n.\r\nBDAT " + chunk.length() + " LAST\r\n" + chunk
                + "QUIT\r\n";
        String whole = filtered(session);

        for (int piece : new int[] {1, 2, 3, 5, 7, 64, 999, 1000, 4096}) {
            InputStream trickle = new ByteArrayInputStream(bytes(session)) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, piece));
                }
            };
            assertThat(readAll(new CommandLineFilter(trickle, new PendingCommands())))
                    .as("read %d octets at a time", piece).isEqualTo(whole);
        }
        assertThat(whole).isEqualTo("EHLO c.example\r\n" + LineTooLongCommand.VERB + "\r\nDATA\r\nSubject: s\r\n\r\n"
                + "y".repeat(900) + "\r\n..dot\r\n\r.\r\n.\r\nBDAT " + chunk.length() + " LAST\r\n" + chunk
                + "QUIT\r\n");
    }

    private String filtered(String input) throws IOException {
        return readAll(new CommandLineFilter(new ByteArrayInputStream(bytes(input)), commands));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
