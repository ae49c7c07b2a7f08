package dev.yubin.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueIdTest {

    @Test
    void idsAreShortAndUnique() {
        QueueIdGenerator generator = new QueueIdGenerator();
        Set<QueueId> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            QueueId id = generator.next();
            assertThat(id.value()).hasSize(20);
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void idsSortByTheTimeTheyWereMade() {
        QueueId earlier = new QueueIdGenerator(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
        QueueId later = new QueueIdGenerator(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC)).next();

        assertThat(earlier).isLessThan(later);
    }

    @Test
    void refusesStringsThatAreNotQueueIds() {
        assertThatThrownBy(() -> new QueueId("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QueueId("0123456789ABCDEFGHIL")).isInstanceOf(IllegalArgumentException.class);
        assertThat(QueueId.isValid(new QueueIdGenerator().next().value())).isTrue();
    }
}
