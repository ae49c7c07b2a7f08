package dev.yubin.mta.relay;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The work queue of one destination domain on this replica, and its sessions. Every method is
 * synchronized on the destination; none blocks.
 */
final class Destination {

    enum Offer {
        /** queued; start one more session */
        SPAWN,
        /** queued; the sessions there will take it */
        QUEUED,
        /** not queued: too many waiting already */
        FULL,
        /** not queued: the destination failed moments ago */
        SUSPENDED,
        /** not queued: this object was dropped from the map; use a fresh one */
        RETIRED
    }

    final String name;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private int sessions;
    private int connected;
    private Instant suspendedUntil = Instant.MIN;
    private RemoteReply lastFailure;
    private boolean retired;

    Destination(String name) {
        this.name = name;
    }

    synchronized Offer offer(Job job, Instant now, int sessionLimit, int queueLimit) {
        if (retired) {
            return Offer.RETIRED;
        }
        if (now.isBefore(suspendedUntil)) {
            return Offer.SUSPENDED;
        }
        if (queue.size() >= queueLimit) {
            return Offer.FULL;
        }
        queue.add(job);
        // Sessions still connecting will each take a job; open more only for what they cannot.
        if (sessions < sessionLimit && queue.size() > sessions - connected) {
            sessions++;
            return Offer.SPAWN;
        }
        return Offer.QUEUED;
    }

    synchronized Job next() {
        return queue.poll();
    }

    synchronized void connected() {
        connected++;
    }

    /**
     * A session could not connect. When no other session is connected the destination is down:
     * it is suspended until {@code until}, and every job waiting for it is returned to be
     * deferred at once instead of waiting for connections that would fail the same way.
     */
    synchronized List<Job> connectFailed(RemoteReply failure, Instant until) {
        if (connected > 0) {
            return List.of();
        }
        lastFailure = failure;
        suspendedUntil = until;
        List<Job> drained = List.copyOf(queue);
        queue.clear();
        return drained;
    }

    /** The destination does not exist (null MX, NXDOMAIN): every waiting job fails. */
    synchronized List<Job> drain() {
        List<Job> drained = List.copyOf(queue);
        queue.clear();
        return drained;
    }

    /**
     * A session ended. A session that had connected passes its slot to a new one when jobs are
     * still waiting (it ended after its message limit, or its connection broke); one that never
     * connected does not, so a host that refuses extra connections is not hammered.
     *
     * @return true when the caller must start the next session in this slot
     */
    synchronized boolean sessionEnded(boolean wasConnected, Instant now) {
        if (wasConnected) {
            connected--;
            if (!queue.isEmpty() && !now.isBefore(suspendedUntil)) {
                return true;
            }
        }
        sessions--;
        return false;
    }

    /** Retires the destination when it has nothing left, so the map of destinations does not grow forever. */
    synchronized boolean retireIfIdle(Instant now) {
        if (queue.isEmpty() && sessions == 0 && !now.isBefore(suspendedUntil)) {
            retired = true;
        }
        return retired;
    }

    synchronized RemoteReply lastFailure() {
        return lastFailure;
    }

    synchronized int queued() {
        return queue.size();
    }
}
