package dev.yubin.policy.check.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.policy.web.InvalidInputException;
import org.junit.jupiter.api.Test;

class ListValueTest {

    @Test
    void valuesHaveOneCanonicalSpelling() {
        assertThat(ListValue.parse(" 192.0.2.1 ").text()).isEqualTo("192.0.2.1");
        assertThat(ListValue.parse("192.0.2.1/32").text()).isEqualTo("192.0.2.1");
        assertThat(ListValue.parse("192.0.2.0/24").text()).isEqualTo("192.0.2.0/24");
        assertThat(ListValue.parse("2001:DB8::/32").text()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        assertThat(ListValue.parse("Spam.Example.").text()).isEqualTo("spam.example");
        assertThat(ListValue.parse("bücher.example").text()).isEqualTo("xn--bcher-kva.example");
        assertThat(ListValue.parse("192.0.2.0/24").network()).isPresent();
        assertThat(ListValue.parse("spam.example").domain()).contains("spam.example");
    }

    @Test
    void nonsenseIsRefused() {
        for (String bad : new String[] {"", "192.0.2.1/33", "192.0.2.1/24", "300.1.2.3", "com", "bad_name.example",
                "a b.example", "::g"}) {
            assertThatThrownBy(() -> ListValue.parse(bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aNameMatchesItselfAndItsParentDomains() {
        assertThat(AccessLists.parents("MX1.Mail.Example.org"))
                .containsExactly("mx1.mail.example.org", "mail.example.org", "example.org");
    }
}
