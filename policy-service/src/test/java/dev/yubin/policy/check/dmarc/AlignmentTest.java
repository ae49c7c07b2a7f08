package dev.yubin.policy.check.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Organizational domains from the Public Suffix List, and the two alignment modes over them. */
class AlignmentTest {

    @Test
    void theOrganizationalDomainIsThePublicSuffixPlusOneLabel() {
        assertThat(OrganizationalDomain.of("mail.example.com")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("example.com")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("Mail.Example.COM.")).isEqualTo("example.com");
        // a private-section entry of the list: every user's site is its own organization
        assertThat(OrganizationalDomain.of("alice.github.io")).isEqualTo("alice.github.io");
        // a suffix itself has nothing above it
        assertThat(OrganizationalDomain.of("co.uk")).isEqualTo("co.uk");
    }

    @Test
    void aNameUnderNoListedSuffixEndsInAOneLabelSuffix() {
        assertThat(OrganizationalDomain.of("mx.mail.example.test")).isEqualTo("example.test");
        assertThat(OrganizationalDomain.of("example.test")).isEqualTo("example.test");
    }

    @Test
    void relaxedAlignsTheSameOrganizationStrictOnlyTheSameName() {
        assertThat(Alignment.RELAXED.aligns("bounce.example.com", "example.com")).isTrue();
        assertThat(Alignment.RELAXED.aligns("example.com", "news.example.com")).isTrue();
        assertThat(Alignment.RELAXED.aligns("EXAMPLE.com", "example.COM")).isTrue();
        assertThat(Alignment.RELAXED.aligns("example.net", "example.com")).isFalse();
        assertThat(Alignment.RELAXED.aligns("a.example.co.uk", "b.other.co.uk")).isFalse();
        assertThat(Alignment.RELAXED.aligns("alice.github.io", "bob.github.io")).isFalse();

        assertThat(Alignment.STRICT.aligns("example.com", "Example.com.")).isTrue();
        assertThat(Alignment.STRICT.aligns("bounce.example.com", "example.com")).isFalse();
        assertThat(Alignment.STRICT.aligns(null, "example.com")).isFalse();
    }
}
