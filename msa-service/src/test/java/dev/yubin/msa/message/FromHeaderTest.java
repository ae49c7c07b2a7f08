package dev.yubin.msa.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FromHeaderTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "alice@example.test",
            " Alice <alice@example.test> ",
            "\"Example, Alice\" <alice@example.test>",
            "\"Alice <boss@example.test>\" <alice@example.test>",
            "Alice (the <real> one) <alice@example.test> (home)",
            "alice@example.test (Alice)",
            "=?UTF-8?B?QWxpY2U=?= <Alice@EXAMPLE.test>"})
    void theOneMailboxIsFound(String value) {
        assertThat(FromHeader.address(value).map(MailAddress::key)).contains("alice@example.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "Alice",
            "alice@example.test, bob@example.test",
            "Alice <alice@example.test>, Bob <bob@example.test>",
            "Friends: alice@example.test, bob@example.test;",
            "undisclosed-recipients:;",
            "Alice <alice@example.test",
            "Alice <alice@example.test> trailing",
            "\"unclosed <alice@example.test>",
            "Alice (unclosed <alice@example.test>",
            "<@relay.example:alice@example.test>",
            "Alice alice@example.test"})
    void noSingleMailboxIsNoAuthor(String value) {
        assertThat(FromHeader.address(value)).isEmpty();
    }

    @Test
    void aMessageNeedsExactlyOneFromField() {
        assertThat(author("From: alice@example.test\r\nSubject: x\r\n\r\nbody\r\n")).isPresent();
        assertThat(author("Subject: x\r\n\r\nbody\r\n")).isEmpty();
        assertThat(author("From: alice@example.test\r\nfrom: ceo@example.test\r\n\r\nbody\r\n")).isEmpty();
        assertThat(author("Subject: x\r\n\r\nFrom: alice@example.test\r\n")).isEmpty();
    }

    @Test
    void aFoldedFromWithAUtf8NameIsRead() {
        assertThat(author("From: J\u00fcrg\r\n <juerg@example.test>\r\n\r\n")).map(MailAddress::toString)
                .contains("juerg@example.test");
    }

    private static Optional<MailAddress> author(String message) {
        return FromHeader.author(MessageParts.parse(message.getBytes(StandardCharsets.UTF_8)));
    }
}
