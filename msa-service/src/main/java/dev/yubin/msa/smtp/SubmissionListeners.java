package dev.yubin.msa.smtp;

import dev.yubin.core.smtp.MessageDataReader;
import dev.yubin.msa.config.Hostname;
import dev.yubin.msa.config.MsaProperties;
import dev.yubin.msa.config.SmtpProperties;
import dev.yubin.msa.config.SubmissionTls;
import dev.yubin.msa.submission.Authentication;
import dev.yubin.msa.submission.SubmissionService;
import dev.yubin.smtp.server.HardenedSmtpServer;
import dev.yubin.smtp.server.ListenerMetrics;
import dev.yubin.smtp.server.SmtpLimits;
import dev.yubin.smtp.server.TlsMode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The two submission listeners, started after the rest of the context and stopped before it:
 * {@code yubin.msa.submission-port} (587) where STARTTLS comes before anything else, and
 * {@code yubin.msa.submissions-port} (465) with implicit TLS (RFC 8314). Both offer AUTH PLAIN
 * and LOGIN only over TLS and refuse MAIL before AUTH; their certificate is the current one of
 * {@link SubmissionTls}.
 *
 * <p>Stopping is graceful ({@link HardenedSmtpServer#stop()}, {@code yubin.smtp.shutdown-grace}),
 * both listeners at once; in the last phase to start and the first to stop, it is done before
 * the Kafka producer factory (phase {@code Integer.MIN_VALUE}) closes the producer, so a publish
 * in flight still completes and its client gets its 250.
 */
@Component
class SubmissionListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SubmissionListeners.class);

    private final MsaProperties msa;
    private final SmtpProperties smtp;
    private final Hostname hostname;
    private final SubmissionService submissions;
    private final Authentication authentication;
    private final SubmissionTls tls;
    private final ListenerMetrics metrics;
    private final Duration shutdownGrace;
    private volatile List<HardenedSmtpServer> servers = List.of();

    SubmissionListeners(MsaProperties msa, SmtpProperties smtp, Hostname hostname, SubmissionService submissions,
                        Authentication authentication, SubmissionTls tls, MeterRegistry meters,
                        @Value("${yubin.smtp.shutdown-grace:20s}") Duration shutdownGrace) {
        this.msa = msa;
        this.smtp = smtp;
        this.hostname = hostname;
        this.submissions = submissions;
        this.authentication = authentication;
        this.tls = tls;
        this.metrics = new ListenerMetrics(meters, "yubin.msa.smtp.replies", "yubin.msa.smtp.sessions",
                "the submission ports (587 and 465)", this::openSessions);
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public void start() {
        HardenedSmtpServer submission = build(msa.submissionPort(), TlsMode.STARTTLS_REQUIRED);
        HardenedSmtpServer submissions = build(msa.submissionsPort(), TlsMode.IMPLICIT);
        submission.start();
        try {
            submissions.start();
        } catch (RuntimeException e) {
            submission.stop();
            throw e;
        }
        servers = List.of(submission, submissions);
        log.info("Submission listening on {}:{} (STARTTLS) and {}:{} (implicit TLS) as {}", msa.bindAddress(),
                submission.port(), msa.bindAddress(), submissions.port(), hostname);
    }

    @Override
    public void stop() {
        List<HardenedSmtpServer> running = servers;
        servers = List.of();
        // each waits up to the grace: side by side, the two take no longer than one
        CompletableFuture.allOf(running.stream()
                .map(server -> CompletableFuture.runAsync(server::stop, runnable -> new Thread(runnable,
                        "smtp-stop-" + server.port()).start()))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** Stopped first, started last: before the Kafka producer closes (see the class comment). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public boolean isRunning() {
        return !servers.isEmpty();
    }

    /** The port of submission with STARTTLS actually bound (0 in the configuration picks one). */
    int submissionPort() {
        return servers.get(0).port();
    }

    /** The port of submission over implicit TLS actually bound. */
    int submissionsPort() {
        return servers.get(1).port();
    }

    private int openSessions() {
        return servers.stream().mapToInt(HardenedSmtpServer::openSessions).sum();
    }

    private HardenedSmtpServer build(int port, TlsMode mode) {
        long maxMessageSize = smtp.maxMessageSize().toBytes();
        MessageDataReader reader = new MessageDataReader(maxMessageSize);
        return HardenedSmtpServer.builder()
                .port(port)
                .bindAddress(bindAddress())
                .hostName(hostname.value())
                .messageHandlers(context -> new SubmissionHandler(submissions, reader, context))
                .limits(new SmtpLimits(maxMessageSize, msa.maxConnections(), msa.maxConnectionsPerIp(),
                        msa.maxErrors(), msa.idleTimeout()))
                .tls(mode, tls)
                .authentication(authentication)
                .replyObserver(metrics::reply)
                .shutdownGrace(shutdownGrace)
                .build();
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(msa.bindAddress());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("yubin.msa.bind-address is not an address: " + msa.bindAddress(), e);
        }
    }
}
