package dev.yubin.core.envelope;

import java.util.regex.Pattern;

/**
 * The id of one accepted message, the key of its Kafka records and of every log line about it.
 *
 * <p>20 characters of Crockford base32: 10 for the millisecond of acceptance (so ids sort by
 * time) and 10 for 50 random bits (so replicas need no coordination). See {@link QueueIdGenerator}.
 */
public record QueueId(String value) implements Comparable<QueueId> {

    private static final Pattern FORMAT = Pattern.compile("[0-9A-HJKMNP-TV-Z]{20}");

    public QueueId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a queue id: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public int compareTo(QueueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
