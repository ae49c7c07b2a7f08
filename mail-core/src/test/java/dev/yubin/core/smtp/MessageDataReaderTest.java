package dev.yubin.core.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageDataReaderTest {

    private final MessageDataReader reader = new MessageDataReader(1024);

    @Test
    void keepsAWellFormedMessageByteForByte() throws IOException {
        byte[] message = "Subject: hi\r\n\r\nline one\r\n\u00e9t\u00e9\r\n".getBytes(StandardCharsets.UTF_8);

        MessageData data = reader.read(new ByteArrayInputStream(message));

        assertThat(data.isAcceptable()).isTrue();
        assertThat(data.bytes()).isEqualTo(message);
        assertThat(data.size()).isEqualTo(message.length);
    }

    @Test
    void refusesABareLfAndStillDrainsTheStream() throws IOException {
        TrackingStream in = new TrackingStream("Subject: x\r\n\r\nsmuggled\n.\r\nMAIL FROM:<x@y>\r\n");

        MessageData data = reader.read(in);

        assertThat(data.refusal()).contains(SmtpReply.BARE_LINE_ENDING);
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void refusesABareCr() throws IOException {
        assertThat(read("a\rb\r\n").refusal()).contains(SmtpReply.BARE_LINE_ENDING);
        assertThat(read("ends with a cr\r").refusal()).contains(SmtpReply.BARE_LINE_ENDING);
        assertThat(read("a\r\r\n").refusal()).contains(SmtpReply.BARE_LINE_ENDING);
    }

    @Test
    void countsTheOctetsItselfAndRefusesOversizedDataAfterDrainingIt() throws IOException {
        TrackingStream in = new TrackingStream(("x".repeat(100) + "\r\n").repeat(20));

        MessageData data = reader.read(in);

        assertThat(data.refusal()).contains(SmtpReply.MESSAGE_TOO_BIG);
        assertThat(data.size()).isEqualTo(102 * 20);
        assertThat(data.bytes()).isEmpty();
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void allowsLinesOf998OctetsAndRefusesLongerOnes() throws IOException {
        MessageDataReader large = new MessageDataReader(10_000);
        assertThat(large.read(stream("y".repeat(998) + "\r\n")).isAcceptable()).isTrue();
        assertThat(large.read(stream("y".repeat(999) + "\r\n")).refusal()).contains(SmtpReply.LINE_TOO_LONG);
    }

    private MessageData read(String text) throws IOException {
        return reader.read(stream(text));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class TrackingStream extends ByteArrayInputStream {
        TrackingStream(String text) {
            super(text.getBytes(StandardCharsets.UTF_8));
        }

        boolean atEnd() {
            return available() == 0;
        }
    }
}
