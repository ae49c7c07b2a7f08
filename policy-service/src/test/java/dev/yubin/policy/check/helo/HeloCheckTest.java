package dev.yubin.policy.check.helo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.policy.Action;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.policy.decision.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeloCheckTest {

    private final HeloCheck check = new HeloCheck(new OwnIdentity(new MtaNames("mx.yubin.test"),
            new HeloProperties(List.of("MX2.Yubin.Test."), List.of("203.0.113.25", "2001:db8:25::1"))));

    private Verdict helo(String name, String client) {
        return check.evaluate(new PolicyRequest(Stage.HELO, null, client, null, name, null, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mail.example.org", "MAIL.Example.Org.", "bücher.example", "[192.0.2.1]",
            "[IPv6:2001:db8::1]", "a-b.c-d.example"})
    void wellFormedNamesAndLiteralsPass(String name) {
        Verdict verdict = helo(name, "192.0.2.1");
        assertThat(verdict.action()).as(verdict.reason()).isEqualTo(Action.DUNNO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "localhost.localdomain", "box.localhost", "mycomputer",
            "192.0.2.1", "2001:db8::1", "mx.yubin.test", "MX.YUBIN.TEST", "mx2.yubin.test", "[203.0.113.25]",
            "[IPv6:2001:db8:25::1]", "[192.0.2.300]", "[2001:db8::1]", "[IPv6:192.0.2.1]", "[192.0.2.1",
            "bad_name.example", "-x.example", "example.123", "", "   ", "[127.0.0.1]"})
    void badOrStolenNamesAre550(String name) {
        Verdict verdict = helo(name, "192.0.2.1");
        assertThat(verdict.action()).as(name).isEqualTo(Action.REJECT);
        assertThat(verdict.reply().toString()).isEqualTo("550 5.7.1 Helo command rejected");
    }

    @Test
    void reasonsSayWhatWasWrong() {
        assertThat(helo("localhost", "192.0.2.1").reason()).contains("localhost");
        assertThat(helo("192.0.2.1", "192.0.2.1").reason()).contains("bare IP address");
        assertThat(helo("mx.yubin.test", "192.0.2.1").reason()).contains("our own names");
        assertThat(helo("[203.0.113.25]", "192.0.2.1").reason()).contains("our own addresses");
        assertThat(helo("mycomputer", "192.0.2.1").reason()).contains("not a fully qualified");
    }

    @Test
    void aHostMayNameItsOwnAddress() {
        assertThat(helo("[203.0.113.25]", "203.0.113.25").action()).isEqualTo(Action.DUNNO);
        assertThat(helo("[127.0.0.1]", "127.0.0.1").action()).isEqualTo(Action.DUNNO);
    }

    @Test
    void authenticatedSessionsAreNotJudged() {
        assertThat(check.appliesTo(new PolicyRequest(Stage.HELO, null, "192.0.2.1", null, "mycomputer", null, null,
                "alice@example.test", null))).isFalse();
    }
}
