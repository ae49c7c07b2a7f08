package dev.yubin.mta.smtp;

import dev.yubin.core.smtp.MessageDataReader;
import dev.yubin.mta.config.Hostname;
import dev.yubin.mta.config.MtaProperties;
import dev.yubin.mta.config.SmtpProperties;
import dev.yubin.mta.inbound.InboundService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The port 25 listener, started after the rest of the context and stopped before it. Limits:
 * connections in total and per client address at connect ({@link SessionLimits}), command line
 * length ({@link CommandLineFilter}), error replies per connection ({@link ReplyStream}), idle
 * time (SubEthaSMTP's socket timeout), message size and recipients (the handler).
 */
@Component
class SmtpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpListener.class);

    private final MtaProperties mta;
    private final SmtpProperties smtp;
    private final Hostname hostname;
    private final InboundService inbound;
    private final SslBundles sslBundles;
    private final ConnectionLimits limits;
    private final SmtpMetrics metrics;
    private volatile SMTPServer server;

    SmtpListener(MtaProperties mta, SmtpProperties smtp, Hostname hostname, InboundService inbound,
                 SslBundles sslBundles, MeterRegistry meters) {
        this.mta = mta;
        this.smtp = smtp;
        this.hostname = hostname;
        this.inbound = inbound;
        this.sslBundles = sslBundles;
        this.limits = new ConnectionLimits(mta.maxConnections(), mta.maxConnectionsPerIp());
        this.metrics = new SmtpMetrics(meters, limits);
    }

    @Override
    public void start() {
        SMTPServer smtpServer = build();
        smtpServer.start();
        server = smtpServer;
        log.info("SMTP listening on {}:{} as {}{}", mta.bindAddress(), smtpServer.getPortAllocated(), hostname,
                smtpServer.getEnableTLS() ? " with STARTTLS" : "");
    }

    @Override
    public void stop() {
        SMTPServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        SMTPServer running = server;
        return running != null && running.isRunning();
    }

    /** The port actually bound: differs from the configured one when that is 0. */
    int port() {
        return server.getPortAllocated();
    }

    private SMTPServer build() {
        long maxMessageSize = smtp.maxMessageSize().toBytes();
        MessageDataReader reader = new MessageDataReader(maxMessageSize);
        SMTPServer.Builder builder = SMTPServer.port(mta.smtpPort())
                .bindAddress(bindAddress())
                .hostName(hostname.value())
                .softwareName("Yubin")
                .messageHandlerFactory(context -> new MtaMessageHandler(inbound, reader, context))
                // SubEthaSMTP checks only the declared SIZE=; the reader counts the octets
                .maxMessageSize((int) Math.min(Integer.MAX_VALUE, maxMessageSize))
                // the handler counts recipients, to answer 452 4.5.3
                .maxRecipients(-1)
                // one more than ours, so that SessionLimits refuses first, with an enhanced code
                .maxConnections(mta.maxConnections() + 1)
                .connectionTimeout((int) mta.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .sessionHandler(new SessionLimits(limits))
                .serverSocketFactory(() -> new GuardedServerSocket(() -> new ConnectionGuard(mta.maxErrors(), metrics)))
                // ours says ESMTPS, carries the queue id and does no reverse lookup
                .insertReceivedHeaders(false);
        tlsContext().ifPresent(context -> builder.enableTLS().startTlsSocketFactory(new StartTlsSockets(context)));
        SMTPServer built = builder.build();
        // SubEthaSMTP has no public way to change its commands: these replace or add to its own
        built.getCommandHandler().addCommand(new EhloCommand(maxMessageSize));
        built.getCommandHandler().addCommand(new MailFromCommand(maxMessageSize));
        built.getCommandHandler().addCommand(new BdatChunkCommand(maxMessageSize));
        built.getCommandHandler().addCommand(new LineTooLongCommand());
        return built;
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
