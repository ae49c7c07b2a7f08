package dev.yubin.policy.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.Name;

/**
 * Answers kept until their TTL runs out, at most {@code maxEntries} (least recently used go first).
 * The service's clock decides what "now" is, so that tests can age entries without waiting.
 */
final class DnsCache {

    private record Key(Name name, int type) {}

    private record Entry(DnsAnswer answer, Instant expires) {}

    private final Clock clock;
    private final int maxEntries;
    private final Map<Key, Entry> entries;

    DnsCache(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > DnsCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<DnsAnswer> get(Name name, int type) {
        Key key = new Key(name, type);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.answer());
    }

    /** Keeps {@code answer} for {@code ttl}; a zero TTL means "do not keep" (RFC 1035 §3.2.1). */
    synchronized void put(Name name, int type, DnsAnswer answer, Duration ttl) {
        if (maxEntries == 0 || ttl.isZero() || ttl.isNegative()) {
            return;
        }
        entries.put(new Key(name, type), new Entry(answer, clock.instant().plus(ttl)));
    }

    synchronized int size() {
        return entries.size();
    }
}
