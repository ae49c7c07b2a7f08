package dev.yubin.mda.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

    private static final MailAddress ALICE = MailAddress.parse("alice@example.test");

    private final MutableClock clock = new MutableClock();
    private final CredentialCache cache = new CredentialCache(Duration.ofSeconds(60), 3, clock);

    @Test
    void remembersASuccessfulCheckOfTheSamePassword() {
        cache.put("alice@example.test", "s3cret", ALICE);

        assertThat(cache.get("alice@example.test", "s3cret")).contains(ALICE);
        assertThat(cache.get("alice@example.test", "other")).isEmpty();
        assertThat(cache.get("bob@example.test", "s3cret")).isEmpty();
    }

    @Test
    void forgetsAfterTheTimeToLive() {
        cache.put("alice@example.test", "s3cret", ALICE);

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get("alice@example.test", "s3cret")).contains(ALICE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get("alice@example.test", "s3cret")).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void dropsTheLeastRecentlyUsedWhenFull() {
        cache.put("a@example.test", "p", ALICE);
        cache.put("b@example.test", "p", ALICE);
        cache.put("c@example.test", "p", ALICE);
        cache.get("a@example.test", "p");

        cache.put("d@example.test", "p", ALICE);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.get("b@example.test", "p")).isEmpty();
        assertThat(cache.get("a@example.test", "p")).isPresent();
    }

    @Test
    void usernameAndPasswordCannotBeShiftedIntoEachOther() {
        cache.put("alice@example.test", "x", ALICE);

        assertThat(cache.get("alice@example.test\0", "x")).isEmpty();
        assertThat(cache.get("alice@example.", "test:x")).isEmpty();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-03T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
