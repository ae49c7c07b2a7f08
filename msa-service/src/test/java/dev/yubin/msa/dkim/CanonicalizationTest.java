package dev.yubin.msa.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalizationTest {

    /** RFC 6376 §3.4.5, the example message, relaxed. */
    @Test
    void rfc6376RelaxedHeaderExample() {
        assertThat(Canonicalization.relaxedHeader("A: X\r\n")).isEqualTo("a:X\r\n");
        assertThat(Canonicalization.relaxedHeader("B : Y\t\r\n\tZ  \r\n")).isEqualTo("b:Y Z\r\n");
    }

    /** RFC 6376 §3.4.5, the example body, relaxed. */
    @Test
    void rfc6376RelaxedBodyExample() {
        assertThat(body(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void emptyLinesInsideTheBodyStayAndABodyOfEmptyLinesIsEmpty() {
        assertThat(body("a\r\n\r\n \t\r\nb\r\n")).isEqualTo("a\r\n\r\n\r\nb\r\n");
        assertThat(body("\r\n \r\n\t\r\n")).isEmpty();
        assertThat(body("")).isEmpty();
    }

    @Test
    void aLastLineWithoutCrlfGetsOne() {
        assertThat(body("a  b")).isEqualTo("a b\r\n");
    }

    @Test
    void onlySpaceAndTabAreBlanksAndEightBitOctetsPassUnchanged() {
        String octets = new String("Gr\u00fc\u00dfe\u00a0\u001f".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

        assertThat(Canonicalization.relaxedHeader("Subject: " + octets + " \r\n")).isEqualTo("subject:" + octets + "\r\n");
    }

    @Test
    void aFieldWithAnEmptyValueKeepsItsColon() {
        assertThat(Canonicalization.relaxedHeader("X-Empty:   \r\n")).isEqualTo("x-empty:\r\n");
    }

    private static String body(String body) {
        return new String(Canonicalization.relaxedBody(body.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }
}
