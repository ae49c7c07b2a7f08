package dev.yubin.policy.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.policy.web.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @Test
    void domainsAreStoredAsLowerCaseALabels() {
        assertThat(Names.domain("Example.TEST")).isEqualTo("example.test");
        assertThat(Names.domain("example.test.")).isEqualTo("example.test");
        assertThat(Names.domain("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(Names.domain("XN--BCHER-KVA.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(Names.domain("localhost")).isEqualTo("localhost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "exa mple.test", "-x.test", "x-.test", "a..test", ".test", "x_y.test", "[10.0.0.1]",
            "a@b.test", "example.test.."})
    void badDomainsAreRefused(String name) {
        assertThatThrownBy(() -> Names.domain(name)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void lookupsOfImpossibleNamesFindNothing() {
        assertThat(Names.lookupDomain("not a domain")).isEmpty();
        assertThat(Names.lookupKey("not an address")).isEmpty();
        assertThat(Names.lookupKey("Alice@Example.TEST")).contains("alice@example.test");
    }
}
