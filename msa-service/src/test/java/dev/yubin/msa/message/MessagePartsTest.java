package dev.yubin.msa.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessagePartsTest {

    @Test
    void fieldsKeepTheirFoldingAndTheBodyStartsAfterTheEmptyLine() {
        MessageParts message = parse("From: a@example.test\r\nTo: b@example.test,\r\n\tc@example.test\r\nSubject : hi\r\n\r\nbody\r\n");

        assertThat(message.fields()).extracting(HeaderField::name).containsExactly("From", "To", "Subject");
        assertThat(message.fields("to").get(0).raw()).isEqualTo("To: b@example.test,\r\n\tc@example.test\r\n");
        assertThat(message.fields("TO").get(0).value()).isEqualTo(" b@example.test,\tc@example.test");
        assertThat(message.has("subject")).isTrue();
        assertThat(new String(message.body(), StandardCharsets.US_ASCII)).isEqualTo("body\r\n");
    }

    @Test
    void aLineThatIsNoFieldStartsTheBody() {
        MessageParts message = parse("Subject: x\r\nnot a header\r\nSecond: line\r\n");

        assertThat(message.fields()).extracting(HeaderField::name).containsExactly("Subject");
        assertThat(new String(message.body(), StandardCharsets.US_ASCII)).isEqualTo("not a header\r\nSecond: line\r\n");
    }

    @Test
    void headersOnlyOrNothingAtAll() {
        assertThat(parse("Subject: x\r\n").body()).isEmpty();
        assertThat(parse("Subject: x\r\n").fields()).hasSize(1);
        assertThat(parse("").fields()).isEmpty();
        assertThat(parse("\r\nbody\r\n").fields()).isEmpty();
    }

    private static MessageParts parse(String message) {
        return MessageParts.parse(message.getBytes(StandardCharsets.UTF_8));
    }
}
