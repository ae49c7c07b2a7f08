package dev.yubin.mda.web;

import dev.yubin.core.address.MailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers successful password checks for a short time, so that a mail client polling every
 * few seconds does not cost a policy call each time. Failures are not remembered: the policy
 * service sees (and can rate-limit) every wrong guess.
 *
 * <p>A key is the username and a SHA-256 of a per-process salt and the password; the password
 * itself is never kept. The least recently used entry goes when the cache is full.
 */
final class CredentialCache {

    private final Duration ttl;
    private final Clock clock;
    private final byte[] salt = new byte[16];
    private final Map<String, Entry> entries;

    CredentialCache(Duration ttl, int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.ttl = ttl;
        this.clock = clock;
        new SecureRandom().nextBytes(salt);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The address a still-valid earlier check of exactly these credentials returned. */
    synchronized Optional<MailAddress> get(String username, String password) {
        String key = key(username, password);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.address());
    }

    synchronized void put(String username, String password, MailAddress address) {
        entries.put(key(username, password), new Entry(address, clock.instant().plus(ttl)));
    }

    synchronized int size() {
        return entries.size();
    }

    private String key(String username, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            byte[] digest = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
            return username + '\0' + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private record Entry(MailAddress address, Instant expires) {}
}
