package dev.yubin.mta.smtp;

import dev.yubin.core.smtp.MessageDataReader;
import dev.yubin.mta.config.Hostname;
import dev.yubin.mta.config.MtaProperties;
import dev.yubin.mta.config.SmtpProperties;
import dev.yubin.mta.inbound.InboundService;
import dev.yubin.mta.inbound.SessionChecks;
import dev.yubin.smtp.server.HardenedSmtpServer;
import dev.yubin.smtp.server.ListenerMetrics;
import dev.yubin.smtp.server.SmtpLimits;
import dev.yubin.smtp.server.TlsMode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The port 25 listener, started after the rest of the context and stopped before it: a
 * {@link HardenedSmtpServer} (connection, line, error and idle limits, STARTTLS with TLS 1.2+)
 * whose transactions {@link MtaMessageHandler} hands to the {@link InboundService}, and whose
 * connects and HELOs {@link PolicyGate} puts to the {@link SessionChecks}, after an optional greet
 * delay ({@code yubin.mta.greet-delay}) that drops early talkers.
 * The receive role: {@code yubin.mta.receive.enabled=false} leaves it out (with the
 * {@code InboundService} it needs), so that a replica can relay without listening on port 25.
 *
 * <p>Stopping is graceful ({@link HardenedSmtpServer#stop()}, {@code yubin.smtp.shutdown-grace}):
 * in the last phase to start and the first to stop, it is done before the Kafka producer
 * factory (phase {@code Integer.MIN_VALUE}) closes the producer, so a publish in flight still
 * completes and its client gets its 250.
 */
@Component
@ConditionalOnProperty(name = "yubin.mta.receive.enabled", havingValue = "true", matchIfMissing = true)
class SmtpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

    private final MtaProperties mta;
    private final SmtpProperties smtp;
    private final Hostname hostname;
    private final InboundService inbound;
    private final SessionChecks sessionChecks;
    private final SslBundles sslBundles;
    private final ListenerMetrics metrics;
    private final Duration shutdownGrace;
    private volatile HardenedSmtpServer server;

    SmtpListener(MtaProperties mta, SmtpProperties smtp, Hostname hostname, InboundService inbound,
                 SessionChecks sessionChecks, SslBundles sslBundles, MeterRegistry meters,
                 @Value("${yubin.smtp.shutdown-grace:20s}") Duration shutdownGrace) {
        this.mta = mta;
        this.smtp = smtp;
        this.hostname = hostname;
        this.inbound = inbound;
        this.sessionChecks = sessionChecks;
        this.sslBundles = sslBundles;
        this.metrics = new ListenerMetrics(meters, "yubin.mta.smtp.replies", "yubin.mta.smtp.sessions",
                "port 25", this::openSessions);
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public void start() {
        Optional<SSLContext> tls = tlsContext();
        long maxMessageSize = smtp.maxMessageSize().toBytes();
        MessageDataReader reader = new MessageDataReader(maxMessageSize);
        HardenedSmtpServer.Builder builder = HardenedSmtpServer.builder()
                .port(mta.smtpPort())
                .bindAddress(bindAddress())
                .hostName(hostname.value())
                .messageHandlers(context -> new MtaMessageHandler(inbound, reader, context))
                .limits(new SmtpLimits(maxMessageSize, mta.maxConnections(), mta.maxConnectionsPerIp(),
                        mta.maxErrors(), mta.idleTimeout()))
                .sessionGate(new PolicyGate(sessionChecks))
                .greetDelay(mta.greetDelay())
                .replyObserver(metrics::reply)
                .shutdownGrace(shutdownGrace);
        tls.ifPresent(context -> builder.tls(TlsMode.STARTTLS, () -> context));
        HardenedSmtpServer smtpServer = builder.build();
        smtpServer.start();
        server = smtpServer;
        log.info("SMTP listening on {}:{} as {}{}", mta.bindAddress(), smtpServer.port(), hostname,
                tls.isPresent() ? " with STARTTLS" : "");
    }

    @Override
    public void stop() {
        HardenedSmtpServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    /** Stopped first, started last: before the Kafka producer closes (see the class comment). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public boolean isRunning() {
        HardenedSmtpServer running = server;
        return running != null && running.isRunning();
    }

    /** The port actually bound: differs from the configured one when that is 0. */
    int port() {
        return server.port();
    }

    private int openSessions() {
        HardenedSmtpServer running = server;
        return running == null ? 0 : running.openSessions();
    }

    private InetAddress bindAddress() {
        try {
            return InetAddress.getByName(mta.bindAddress());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("yubin.mta.bind-address is not an address: " + mta.bindAddress(), e);
        }
    }

    private Optional<SSLContext> tlsContext() {
        String bundle = mta.tls().bundle();
        try {
            return Optional.of(sslBundles.getBundle(bundle).createSslContext());
        } catch (NoSuchSslBundleException e) {
            log.warn("No SSL bundle '{}' (spring.ssl.bundle.pem.{}.keystore.*): STARTTLS is not offered on port 25",
                    bundle, bundle);
            return Optional.empty();
        }
    }
}
