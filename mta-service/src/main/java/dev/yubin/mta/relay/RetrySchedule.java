package dev.yubin.mta.relay;

import dev.yubin.core.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The delays between attempts: {@code first}, doubling, capped at {@code max} (5m, 10m, 20m,
 * 40m, 1h, 1h, ... by default). Each distinct delay has its own retry topic
 * ({@code yubin.mail.outbound.retry.10m}): since every record of a topic waits the same time,
 * a partition's records come due in offset order, so a record not yet due proves that nothing
 * behind it is due either, and pausing that partition delays nobody who is.
 */
final class RetrySchedule {

    private final List<Duration> delays;

    RetrySchedule(Duration first, Duration max) {
        if (first.isZero() || first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("yubin.relay.retry: need 0 < first <= max");
        }
        List<Duration> list = new ArrayList<>();
        for (Duration d = first; d.compareTo(max) < 0; d = d.multipliedBy(2)) {
            list.add(d);
        }
        list.add(max);
        this.delays = List.copyOf(list);
    }

    /** The delay after the given number of failed attempts (1 = after the first one). */
    Duration delayAfter(int failedAttempts) {
        return delays.get(Math.min(Math.max(failedAttempts, 1), delays.size()) - 1);
    }

    String topicAfter(int failedAttempts) {
        return topic(delayAfter(failedAttempts));
    }

    List<String> topics() {
        return delays.stream().map(RetrySchedule::topic).toList();
    }

    boolean isRetryTopic(String topic) {
        return topic.startsWith(Topics.OUTBOUND_RETRY_PREFIX);
    }

    static String topic(Duration delay) {
        return Topics.OUTBOUND_RETRY_PREFIX + label(delay);
    }

    /** {@code 1h}, {@code 30m}, {@code 5s}, {@code 500ms}: the largest unit that divides the delay. */
    static String label(Duration delay) {
        long ms = delay.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
