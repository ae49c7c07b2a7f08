package dev.yubin.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressTest {

    @Test
    void parsesAPlainMailboxAndLowerCasesTheDomainOnly() {
        MailAddress address = MailAddress.parse("Alice.Smith@Example.TEST");

        assertThat(address.localPart()).isEqualTo("Alice.Smith");
        assertThat(address.domain()).isEqualTo("example.test");
        assertThat(address.key()).isEqualTo("alice.smith@example.test");
        assertThat(address).hasToString("Alice.Smith@example.test");
    }

    @Test
    void keepsAQuotedLocalPartAndQuotesItAgainWhenWritten() {
        MailAddress address = MailAddress.parse("\"john doe\\\"x\"@example.test");

        assertThat(address.localPart()).isEqualTo("john doe\"x");
        assertThat(address).hasToString("\"john doe\\\"x\"@example.test");
        assertThat(MailAddress.parse(address.toString())).isEqualTo(address);
    }

    @Test
    void acceptsAQuotedLocalPartContainingAnAtSign() {
        MailAddress address = MailAddress.parse("\"a@b\"@example.test");

        assertThat(address.localPart()).isEqualTo("a@b");
        assertThat(address.domain()).isEqualTo("example.test");
    }

    @Test
    void acceptsAddressLiterals() {
        assertThat(MailAddress.parse("postmaster@[192.0.2.1]").domain()).isEqualTo("[192.0.2.1]");
        assertThat(MailAddress.parse("postmaster@[IPv6:2001:DB8::1]").domain()).isEqualTo("[IPv6:2001:db8::1]");
        assertThat(MailAddress.parse("postmaster@[192.0.2.1]").isAddressLiteral()).isTrue();
    }

    @Test
    void storesIdnDomainsAsALabels() {
        MailAddress unicode = MailAddress.parse("info@bücher.example");
        MailAddress ascii = MailAddress.parse("info@xn--bcher-kva.example");

        assertThat(unicode.domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(unicode).isEqualTo(ascii);
    }

    @Test
    void acceptsUtf8LocalPartsOfSmtputf8() {
        assertThat(MailAddress.parse("用户@example.test").localPart()).isEqualTo("用户");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "@relay.example:user@example.test", "@a.example,@b.example:user@example.test",
        "no-at-sign", "user@", "@example.test", "a..b@example.test", ".a@example.test", "a.@example.test",
        "a b@example.test", "user@exa mple.test", "user@-bad.example", "user@bad-.example",
        "user@[300.1.1.1]", "user@[IPv6:zz::1]", "user@[192.0.2.1", "\"unterminated@example.test",
        "user@example.test.", "a(comment)@example.test"
    })
    void refusesWhatRfc5321DoesNotAllow(String bad) {
        assertThatThrownBy(() -> MailAddress.parse(bad)).isInstanceOf(AddressException.class);
    }

    @Test
    void refusesOverlongLocalParts() {
        assertThatThrownBy(() -> MailAddress.parse("a".repeat(65) + "@example.test"))
                .isInstanceOf(AddressException.class);
        assertThat(MailAddress.parse("a".repeat(64) + "@example.test").localPart()).hasSize(64);
    }

    @Test
    void parsesReversePathsIncludingTheNullPath() {
        assertThat(ReversePath.parse("<>").isNull()).isTrue();
        assertThat(ReversePath.parse("<>")).hasToString("<>");
        assertThat(ReversePath.parse("<a@example.test>").address()).isEqualTo("a@example.test");
        assertThat(ReversePath.parse("a@example.test").address()).isEqualTo("a@example.test");
        assertThatThrownBy(() -> ReversePath.parse("<@route.example:a@example.test>"))
                .isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> ReversePath.parse("<a@example.test")).isInstanceOf(AddressException.class);
    }

    @Test
    void parsesDomainNamesOnTheirOwn() {
        assertThat(DomainName.parse("Bücher.Example").value()).isEqualTo("xn--bcher-kva.example");
        assertThatThrownBy(() -> DomainName.parse("[192.0.2.1]")).isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> DomainName.parse("not a domain")).isInstanceOf(AddressException.class);
    }
}
