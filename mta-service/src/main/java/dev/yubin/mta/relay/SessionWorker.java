package dev.yubin.mta.relay;

import dev.yubin.mta.dns.MxHost;
import dev.yubin.mta.dns.Route;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One session slot of a destination: resolves it, connects (every address of an MX before the
 * next MX, RFC 5321 §5.1), then sends the destination's queued jobs one after the other over
 * the same session until the queue is empty, the session breaks or carried its maximum.
 */
final class SessionWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SessionWorker.class);

    private final Destination destination;
    private final Destinations destinations;

    SessionWorker(Destination destination, Destinations destinations) {
        this.destination = destination;
        this.destinations = destinations;
    }

    @Override
    public void run() {
        boolean connected = false;
        try (MDC.MDCCloseable ignored = MDC.putCloseable("destination", destination.name)) {
            Route route = destinations.router().route(destination.name);
            if (route instanceof Route.Undeliverable undeliverable) {
                RemoteReply reply = undeliverable.nullMx()
                        ? RemoteReply.permanent(556, "5.1.10", undeliverable.reason())
                        : RemoteReply.permanent(550, "5.4.4", undeliverable.reason());
                failAll(destination.drain(), reply);
                return;
            }
            if (route instanceof Route.TryAgain tryAgain) {
                connectFailed(RemoteReply.temporary("4.4.3", tryAgain.reason()));
                return;
            }
            List<MxHost> hosts = ((Route.Hosts) route).hosts();
            SmtpSession session = connect(hosts);
            if (session == null) {
                return;
            }
            connected = true;
            destination.connected();
            destinations.opened(session);
            try {
                deliverQueued(session);
            } finally {
                session.quit();
                destinations.closed(session);
            }
        } catch (RuntimeException e) {
            log.error("relay worker for {} failed", destination.name, e);
        } finally {
            destinations.sessionEnded(destination, connected);
        }
    }

    private void deliverQueued(SmtpSession session) {
        Job job;
        while (session.isUsable() && session.messages() < destinations.maxMessagesPerSession()
                && (job = destination.next()) != null) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", job.queueId())) {
                destinations.events().attempt(job, session.remoteHost());
                List<RecipientResult> results = session.send(job.envelope(), job.message());
                destinations.outcomes().handle(job, results);
            }
        }
    }

    /** @return the open session, or null when every address failed (the jobs are handled then) */
    private SmtpSession connect(List<MxHost> hosts) {
        RemoteReply last = null;
        for (MxHost host : hosts) {
            for (InetAddress address : host.addresses()) {
                try {
                    return SmtpSession.open(destination.name, host.name(), address, host.port(), destinations.settings(), true);
                } catch (SmtpSession.OpenFailure failure) {
                    last = failure.reply();
                    log.info("{}: {}", destination.name, failure.reply());
                    if (failure.tls()) {
                        try {
                            // opportunistic TLS: a broken handshake is no reason not to deliver
                            return SmtpSession.open(destination.name, host.name(), address, host.port(), destinations.settings(), false);
                        } catch (SmtpSession.OpenFailure again) {
                            last = again.reply();
                        }
                    }
                }
            }
        }
        connectFailed(last == null ? RemoteReply.temporary("4.4.1", "no address to connect to") : last);
        return null;
    }

    private void connectFailed(RemoteReply failure) {
        List<Job> jobs = destination.connectFailed(failure, destinations.clock().instant().plus(destinations.suspension()));
        if (!jobs.isEmpty()) {
            log.info("{}: destination unreachable, {} queued message(s) deferred: {}", destination.name, jobs.size(), failure);
        }
        for (Job job : jobs) {
            List<RecipientResult> results = job.envelope().recipients().stream()
                    .map(r -> new RecipientResult(r, RecipientResult.Status.DEFERRED, failure, ""))
                    .toList();
            try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", job.queueId())) {
                destinations.outcomes().handle(job, results);
            }
        }
    }

    private void failAll(List<Job> jobs, RemoteReply reply) {
        for (Job job : jobs) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable("queueId", job.queueId())) {
                destinations.outcomes().handle(job, job.envelope().recipients().stream()
                        .map(r -> new RecipientResult(r, RecipientResult.Status.FAILED, reply, ""))
                        .toList());
            }
        }
    }
}
