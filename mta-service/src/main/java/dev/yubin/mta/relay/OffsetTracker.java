package dev.yubin.mta.relay;

import java.util.TreeSet;

/**
 * The offsets of one partition that were handed to workers and are not done yet. The offset
 * that may be committed is the lowest one still in flight, or the one after the last handed
 * out when none is: a record is never committed before it is done, and a record done early
 * waits for the ones before it. Thread-safe: workers complete, the poll thread reads.
 */
final class OffsetTracker {

    private final TreeSet<Long> inFlight = new TreeSet<>();
    private long next = -1;
    private long lastCommitted = -1;

    synchronized void dispatched(long offset) {
        inFlight.add(offset);
        next = Math.max(next, offset + 1);
    }

    /** @return false when the offset was not in flight (a job of a partition since revoked) */
    synchronized boolean done(long offset) {
        return inFlight.remove(offset);
    }

    /** The offset to commit, or -1 when nothing changed since the last commit. */
    synchronized long committable() {
        long offset = inFlight.isEmpty() ? next : inFlight.first();
        return offset > lastCommitted ? offset : -1;
    }

    synchronized void committed(long offset) {
        lastCommitted = Math.max(lastCommitted, offset);
    }

    synchronized int size() {
        return inFlight.size();
    }
}
