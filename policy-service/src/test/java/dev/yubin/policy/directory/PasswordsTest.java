package dev.yubin.policy.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordsTest {

    /** The real Argon2 encoder, counting how often it is asked to compare. */
    private static final class CountingEncoder implements PasswordEncoder {
        private final PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
        private final AtomicInteger comparisons = new AtomicInteger();

        @Override
        public String encode(CharSequence rawPassword) {
            return argon2.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            comparisons.incrementAndGet();
            return argon2.matches(rawPassword, encodedPassword);
        }
    }

    private final CountingEncoder encoder = new CountingEncoder();

    private Passwords passwords(Duration verifiedTtl) {
        return new Passwords(new DirectoryProperties(Duration.ofSeconds(5), 100, verifiedTtl), encoder);
    }

    @Test
    void aSecondLoginWithTheRightPasswordSkipsArgon2() {
        Passwords passwords = passwords(Duration.ofMinutes(5));
        String hash = passwords.hash("correct horse");

        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(encoder.comparisons).hasValue(1);
    }

    @Test
    void aWrongPasswordIsNeverRememberedAndAlwaysPaysTheFullCheck() {
        Passwords passwords = passwords(Duration.ofMinutes(5));
        String hash = passwords.hash("correct horse");
        passwords.matches("correct horse", hash);

        assertThat(passwords.matches("battery staple", hash)).isFalse();
        assertThat(passwords.matches("battery staple", hash)).isFalse();
        assertThat(passwords.matches("correct horse ", hash)).isFalse();
        assertThat(encoder.comparisons).hasValue(4);
    }

    @Test
    void aChangedPasswordStopsMatchingAtOnce() {
        Passwords passwords = passwords(Duration.ofMinutes(5));
        String before = passwords.hash("correct horse");
        passwords.matches("correct horse", before);
        String after = passwords.hash("battery staple");

        assertThat(passwords.matches("correct horse", after)).isFalse();
        assertThat(passwords.matches("battery staple", after)).isTrue();
        assertThat(passwords.matches("battery staple", after)).isTrue();
        assertThat(encoder.comparisons).hasValue(3);
    }

    @Test
    void anotherAccountWithTheSamePasswordIsCheckedOnItsOwn() {
        Passwords passwords = passwords(Duration.ofMinutes(5));
        String alice = passwords.hash("shared secret");
        String bob = passwords.hash("shared secret");
        passwords.matches("shared secret", alice);

        assertThat(passwords.matches("shared secret", bob)).isTrue();
        assertThat(encoder.comparisons).hasValue(2);
    }

    @Test
    void aZeroTtlChecksEveryLoginInFull() {
        Passwords passwords = passwords(Duration.ZERO);
        String hash = passwords.hash("correct horse");

        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(encoder.comparisons).hasValue(2);
    }

    @Test
    void noPasswordNeverMatches() {
        Passwords passwords = passwords(Duration.ofMinutes(5));

        assertThat(passwords.matches(null, passwords.hash("x"))).isFalse();
    }
}
