package dev.yubin.mda.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderSummaryParserTest {

    @Test
    void readsTheFourFieldsOfAPlainMessage() {
        HeaderSummary summary = parse("""
                Received: from client.example.org\r
                From: Alice <alice@example.org>\r
                Subject: Lunch?\r
                Date: Tue, 3 Mar 2026 10:15:00 +0100\r
                Message-ID: <1234@example.org>\r
                \r
                Subject: not a header, this is the body\r
                """);

        assertThat(summary).isEqualTo(new HeaderSummary("Alice <alice@example.org>", "Lunch?",
                "Tue, 3 Mar 2026 10:15:00 +0100", "<1234@example.org>"));
    }

    @Test
    void unfoldsContinuationLines() {
        HeaderSummary summary = parse("""
                Subject: a subject that is long enough\r
                 to be folded\r
                \tacross three lines\r
                Message-ID:\r
                 <folded@example.org>\r
                \r
                """);

        assertThat(summary.subject()).isEqualTo("a subject that is long enough to be folded\tacross three lines");
        assertThat(summary.messageId()).isEqualTo("<folded@example.org>");
    }

    @Test
    void decodesRfc2047EncodedWordsAcrossAFold() {
        HeaderSummary summary = parse("""
                From: =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>\r
                Subject: =?UTF-8?B?w4ljb2xl?=\r
                 =?UTF-8?Q?_d=C3=A9t=C3=A9?= starts\r
                \r
                """);

        assertThat(summary.from()).isEqualTo("André Pirard <PIRARD@vm1.ulg.ac.be>");
        // white space between adjacent encoded-words is not part of the text (RFC 2047 §6.2)
        assertThat(summary.subject()).isEqualTo("École d\u00e9t\u00e9 starts");
    }

    @Test
    void keepsAnEncodedWordWithAnUnknownCharsetAsItIs() {
        assertThat(parse("Subject: =?x-unknown?Q?abc?=\r\n\r\n").subject()).isEqualTo("=?x-unknown?Q?abc?=");
    }

    @Test
    void readsRawUtf8HeadersAndFallsBackToLatin1() {
        assertThat(parse("Subject: Grüße\r\n\r\n").subject()).isEqualTo("Grüße");
        byte[] latin1 = "Subject: caf\u00e9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(HeaderSummaryParser.parse(latin1).subject()).isEqualTo("café");
    }

    @Test
    void firstOccurrenceWinsAndNamesAreCaseInsensitive() {
        HeaderSummary summary = parse("SUBJECT: first\nsubject: second\nfrom: x@example.org\n\n");

        assertThat(summary.subject()).isEqualTo("first");
        assertThat(summary.from()).isEqualTo("x@example.org");
    }

    @Test
    void missingFieldsAreNullAndGarbageDoesNotFail() {
        assertThat(parse("")).isEqualTo(new HeaderSummary(null, null, null, null));
        assertThat(parse("no colon here\r\n continuation of nothing\r\n\r\n"))
                .isEqualTo(new HeaderSummary(null, null, null, null));
        assertThat(parse("Subject: no body and no final line break").subject())
                .isEqualTo("no body and no final line break");
    }

    @Test
    void stopsAtTheEndOfTheHeaderSection() {
        assertThat(parse("X-Empty:\n\nSubject: in the body\n").subject()).isNull();
    }

    @Test
    void replacesControlCharactersWhichPostgresqlTextCannotHold() {
        assertThat(parse("Subject: a\u0000b =?UTF-8?Q?c=00d?=\r\n\r\n").subject()).isEqualTo("a b c d");
    }

    @Test
    void limitsVeryLongValues() {
        assertThat(parse("Subject: " + "x".repeat(10_000) + "\r\n\r\n").subject())
                .hasSize(HeaderSummaryParser.MAX_VALUE_CHARS);
    }

    private static HeaderSummary parse(String message) {
        return HeaderSummaryParser.parse(message.getBytes(StandardCharsets.UTF_8));
    }
}
