package dev.yubin.smtp.server;

import dev.yubin.core.smtp.SmtpReply;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts open SMTP sessions, in total and per client address. Every successful
 * {@link #tryOpen} must be paired with one {@link #close} of the same address.
 */
final class ConnectionLimits {

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    ConnectionLimits(int maxTotal, int maxPerAddress) {
        if (maxTotal < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** @return empty when the session may go on, else the reply to refuse it with */
    Optional<SmtpReply> tryOpen(InetAddress client) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Optional.of(SmtpReply.TOO_MANY_CONNECTIONS);
        }
        boolean[] admitted = {false};
        perAddress.compute(client, (address, open) -> {
            int count = open == null ? 0 : open;
            if (count >= maxPerAddress) {
                return open;
            }
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) {
            total.decrementAndGet();
            return Optional.of(SmtpReply.TOO_MANY_CONNECTIONS);
        }
        return Optional.empty();
    }

    void close(InetAddress client) {
        boolean[] closed = {false};
        // Removing the entry at zero keeps the map as small as the set of connected clients.
        perAddress.computeIfPresent(client, (address, open) -> {
            closed[0] = true;
            return open <= 1 ? null : open - 1;
        });
        if (closed[0]) {
            total.decrementAndGet();
        }
    }

    int open() {
        return total.get();
    }

    int open(InetAddress client) {
        return perAddress.getOrDefault(client, 0);
    }
}
