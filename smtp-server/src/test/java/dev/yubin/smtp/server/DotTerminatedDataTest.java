package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DotTerminatedDataTest {

    @Test
    void endsAtTheFinalDotAndLeavesThePipelinedCommandToTheCommandReader() throws IOException {
        BufferedInputStream session = session("Subject: x\r\n\r\nbody\r\n.\r\nQUIT\r\n");

        assertThat(readAll(new DotTerminatedData(session))).isEqualTo("Subject: x\r\n\r\nbody\r\n");
        assertThat(new String(session.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
    }

    @Test
    void removesTheDotOfStuffedLinesOnly() throws IOException {
        String data = "..leading\r\n.\tx\r\nmid.dle\r\n...\r\n.\r\n";

        assertThat(readAll(new DotTerminatedData(session(data)))).isEqualTo(".leading\r\n\tx\r\nmid.dle\r\n..\r\n");
    }

    @Test
    void anEmptyMessageIsJustTheDot() throws IOException {
        assertThat(readAll(new DotTerminatedData(session(".\r\nMAIL FROM:<>\r\n")))).isEmpty();
    }

    /** A bare LF does not start a line: the same rule as CommandLineFilter's, so no smuggled end. */
    @Test
    void aDotAfterABareLineFeedIsNotTheEnd() throws IOException {
        BufferedInputStream session = session("a\n.\r\nb\r\n.\r\nNOOP\r\n");

        assertThat(readAll(new DotTerminatedData(session))).isEqualTo("a\n.\r\nb\r\n");
        assertThat(new String(session.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\n");
    }

    @Test
    void aDotAndCarriageReturnNotFollowedByLineFeedIsData() throws IOException {
        assertThat(readAll(new DotTerminatedData(session(".\rx\r\n.\r\n")))).isEqualTo("\rx\r\n");
    }

    @Test
    void theEndMaySpanChunksAndTheClientMayTrickle() throws IOException {
        String body = "x".repeat(DotTerminatedData.CHUNK - 3) + "\r\n.\r\nRSET\r\n";
        BufferedInputStream trickling = new BufferedInputStream(new OneByteAtATime(body), 16);

        assertThat(readAll(new DotTerminatedData(trickling))).isEqualTo("x".repeat(DotTerminatedData.CHUNK - 3) + "\r\n");
        assertThat(new String(trickling.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("RSET\r\n");
    }

    @Test
    void aStuffedLineAcrossAChunkBoundaryKeepsItsCarriageReturn() throws IOException {
        String prefix = "y".repeat(DotTerminatedData.CHUNK - 4) + "\r\n.";   // ".\r" ends the first chunk
        String data = prefix + "\rz\r\n.\r\n";

        assertThat(readAll(new DotTerminatedData(session(data))))
                .isEqualTo("y".repeat(DotTerminatedData.CHUNK - 4) + "\r\n\rz\r\n");
    }

    @Test
    void aClientGoneBeforeTheFinalDotIsAnErrorNotAShortMessage() {
        DotTerminatedData data = new DotTerminatedData(session("Subject: cut\r\n\r\nhalf a bo"));

        assertThatThrownBy(() -> readAll(data)).isInstanceOf(EOFException.class);
    }

    @Test
    void drainSkipsTheRestUpToTheFinalDot() throws IOException {
        BufferedInputStream session = session("a\r\n".repeat(5000) + ".\r\nQUIT\r\n");
        DotTerminatedData data = new DotTerminatedData(session);
        data.read(new byte[10]);

        data.drain();

        assertThat(data.read()).isEqualTo(-1);
        assertThat(new String(session.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
    }

    @Test
    void worksOverAStreamWithoutMarkOneByteAtATime() throws IOException {
        InputStream noMark = new OneByteAtATime("b\r\n..c\r\n.\r\nQUIT\r\n");

        assertThat(readAll(new DotTerminatedData(noMark))).isEqualTo("b\r\n.c\r\n");
        assertThat(new String(noMark.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("QUIT\r\n");
    }

    private static BufferedInputStream session(String text) {
        return new BufferedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), 8192);
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** A client that sends one byte per packet, and a stream that cannot mark. */
    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(String text) {
            super(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
