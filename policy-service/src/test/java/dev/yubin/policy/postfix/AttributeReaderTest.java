package dev.yubin.policy.postfix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeReaderTest {

    private static AttributeReader reader(String input) {
        return new AttributeReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsRequestsUntilTheEnd() throws Exception {
        AttributeReader reader = reader("request=smtpd_access_policy\nsender=\nrecipient=a=b@x.test\n\n"
                + "request=smtpd_access_policy\r\nhelo_name=mx.example\r\n\r\n");
        assertThat(reader.next()).contains(Map.of("request", "smtpd_access_policy", "sender", "",
                "recipient", "a=b@x.test"));
        assertThat(reader.next().orElseThrow()).containsEntry("helo_name", "mx.example");
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void garbageIsAViolation() {
        for (String bad : new String[] {"GET / HTTP/1.1\n\n", "request smtpd_access_policy\n\n", "=x\n\n",
                "Request=x\n\n", "\n", "request=x\n", "request=x"}) {
            assertThatThrownBy(() -> reader(bad).next()).as(bad.replace("\n", "\\n"))
                    .isInstanceOf(ProtocolViolation.class);
        }
    }

    @Test
    void linesAndRequestsAreBounded() {
        String longLine = "sender=" + "a".repeat(AttributeReader.MAX_LINE) + "\n\n";
        assertThatThrownBy(() -> reader(longLine).next()).hasMessageContaining("longer than");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= AttributeReader.MAX_ATTRIBUTES; i++) {
            many.append("attr_").append(i).append("=x\n");
        }
        assertThatThrownBy(() -> reader(many + "\n").next()).hasMessageContaining("attributes");
    }
}
