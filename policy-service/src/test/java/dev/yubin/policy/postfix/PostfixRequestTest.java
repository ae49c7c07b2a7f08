package dev.yubin.policy.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostfixRequestTest {

    @Test
    void attributesOfTheReadmeMapToTheQuestion() {
        Map<String, String> attributes = new HashMap<>(Map.of(
                "request", "smtpd_access_policy", "protocol_state", "RCPT", "queue_id", "8045F2AB23",
                "client_address", "192.0.2.7", "client_name", "mx.example.org", "helo_name", "mx.example.org",
                "sender", "alice@example.org", "recipient", "bob@example.test", "size", "12345"));
        attributes.put("sasl_username", "");
        attributes.put("recipient_count", "0");

        PolicyRequest request = PostfixPolicy.request(Stage.RCPT, attributes);
        assertThat(request).isEqualTo(new PolicyRequest(Stage.RCPT, "8045F2AB23", "192.0.2.7", "mx.example.org",
                "mx.example.org", "alice@example.org", "bob@example.test", null, 12345L, null, null));
    }

    @Test
    void emptyAndUnknownValuesBecomeWhatOurChecksExpect() {
        Map<String, String> attributes = Map.of("client_address", "2001:db8::7", "client_name", "unknown",
                "sender", "", "size", "0", "sasl_username", "alice@example.test", "recipient_count", "3");
        PolicyRequest data = PostfixPolicy.request(Stage.DATA, attributes);
        assertThat(data.clientName()).isNull();
        assertThat(data.sender()).isEqualTo("<>");
        assertThat(data.size()).isNull();
        assertThat(data.saslUsername()).isEqualTo("alice@example.test");
        assertThat(data.recipientCount()).isEqualTo(3);
        assertThat(PostfixPolicy.request(Stage.RCPT, attributes).recipientCount()).isNull();
    }
}
