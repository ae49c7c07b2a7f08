package dev.yubin.core.envelope;

import java.security.SecureRandom;
import java.time.Clock;

/** Makes {@link QueueId}s: time-sortable, unique across replicas without coordination. */
public final class QueueIdGenerator {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int TIME_CHARS = 10;
    private static final int RANDOM_CHARS = 10;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public QueueIdGenerator() {
        this(Clock.systemUTC());
    }

    public QueueIdGenerator(Clock clock) {
        this.clock = clock;
    }

    public QueueId next() {
        char[] id = new char[TIME_CHARS + RANDOM_CHARS];
        encode(clock.millis(), id, 0, TIME_CHARS);
        encode(random.nextLong(), id, TIME_CHARS, RANDOM_CHARS);
        return new QueueId(new String(id));
    }

    private static void encode(long bits, char[] into, int offset, int chars) {
        for (int i = offset + chars - 1; i >= offset; i--) {
            into[i] = CROCKFORD[(int) (bits & 31)];
            bits >>>= 5;
        }
    }
}
