package dev.yubin.smtp.server;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP listener: SubEthaSMTP, with what it lacks for a server on the Internet.
 * <ul>
 *   <li>connections limited in total and per client address, refused with 421 4.7.0 at connect;</li>
 *   <li>command lines over 1000 octets answered 500 5.5.2, and the session goes on;</li>
 *   <li>an enhanced status code on every reply, and 421 after too many errors;</li>
 *   <li>optionally a {@link SessionGate} asked at connect and at HELO/EHLO, and a greet delay
 *       that drops clients talking before the greeting;</li>
 *   <li>our EHLO (PIPELINING, ENHANCEDSTATUSCODES, CHUNKING...), STARTTLS with TLS 1.2 and 1.3
 *       only, or implicit TLS; commands pipelined behind STARTTLS discarded;</li>
 *   <li>MAIL FROM with a huge SIZE= answered 552 5.3.4; a BDAT chunk refused for want of MAIL
 *       or RCPT read, not run as commands; the transaction over after DATA or the last BDAT
 *       chunk, refused or not;</li>
 *   <li>optionally AUTH PLAIN and LOGIN, offered and accepted only over TLS, and then MAIL
 *       refused with 530 5.7.0 until the client has authenticated.</li>
 * </ul>
 * The message handler must still read message data with mail-core's {@code MessageDataReader}
 * (drain, count, bare CR/LF, long lines), and write its own Received header: SubEthaSMTP's is off.
 *
 * <p>Call order: {@link #builder()}, the builder's setters, {@link Builder#build()}, then
 * {@link #start()} and finally {@link #stop()}; a stopped server is not started again.
 *
 * <p>{@link #stop()} is graceful: see there.
 */
public final class HardenedSmtpServer {

    /** How long {@link #stop()} lets transactions in progress finish, unless the builder says. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(HardenedSmtpServer.class);

    private final SMTPServer server;
    private final ConnectionLimits connections;
    private final AtomicReference<GuardedServerSocket> listening;
    private final GracefulStop graceful;
    private final Duration shutdownGrace;

    private HardenedSmtpServer(SMTPServer server, ConnectionLimits connections,
                               AtomicReference<GuardedServerSocket> listening, GracefulStop graceful,
                               Duration shutdownGrace) {
        this.server = server;
        this.connections = connections;
        this.listening = listening;
        this.graceful = graceful;
        this.shutdownGrace = shutdownGrace;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts accepting connections. */
    public void start() {
        server.start();
    }

    /**
     * Stops gracefully, and returns after at most the shutdown grace (plus the time a message
     * handler takes to finish what it is doing: a bounded Kafka publish):
     * <ol>
     *   <li>new connections are refused at once (the listening socket is closed);</li>
     *   <li>a session between transactions gets {@code 421 4.3.2 Service shutting down} and is
     *       closed, and so is one that tries to start a transaction (MAIL);</li>
     *   <li>a transaction in progress may finish within the grace (its DATA answered by the
     *       handler), then its session gets 421 and is closed;</li>
     *   <li>when the grace is over, the sessions left are closed, with 421, in DATA or not: a
     *       message whose data was still arriving is never answered 250, and its client retries.</li>
     * </ol>
     */
    public void stop() {
        GuardedServerSocket socket = listening.get();
        if (socket != null && server.isRunning()) {
            try {
                socket.stopAccepting();
            } catch (IOException e) {
                log.warn("Could not close the listening socket of port {}: {}", port(), e.toString());
            }
            graceful.drain(shutdownGrace);
        }
        server.stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** The port actually bound: differs from the configured one when that is 0. */
    public int port() {
        return server.getPort() == 0 ? server.getPortAllocated() : server.getPort();
    }

    /** Sessions open now. */
    public int openSessions() {
        return connections.open();
    }

    public static final class Builder {

        private int port;
        private InetAddress bindAddress;
        private String hostName;
        private MessageHandlerFactory messageHandlers;
        private SmtpLimits limits;
        private TlsMode tlsMode = TlsMode.NONE;
        private Supplier<SSLContext> tlsContexts;
        private SmtpAuthenticator authenticator;
        private IntConsumer replies = code -> {};
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private SessionGate gate = SessionGate.OPEN;
        private Duration greetDelay = Duration.ZERO;

        private Builder() {}

        /** @param port the port to listen on; 0 picks a free one (tests) */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        /** The name we announce in the greeting and the EHLO reply. */
        public Builder hostName(String hostName) {
            this.hostName = hostName;
            return this;
        }

        /** Makes the handler of each mail transaction, at MAIL FROM. */
        public Builder messageHandlers(MessageHandlerFactory messageHandlers) {
            this.messageHandlers = messageHandlers;
            return this;
        }

        public Builder limits(SmtpLimits limits) {
            this.limits = limits;
            return this;
        }

        /**
         * @param contexts asked for an SSLContext at every handshake: return the current one (a
         *                 renewed certificate then serves the next connection); never null
         */
        public Builder tls(TlsMode mode, Supplier<SSLContext> contexts) {
            this.tlsMode = Objects.requireNonNull(mode);
            this.tlsContexts = contexts;
            return this;
        }

        /** Offers AUTH PLAIN and LOGIN over TLS, and requires it before MAIL. */
        public Builder authentication(SmtpAuthenticator authenticator) {
            this.authenticator = authenticator;
            return this;
        }

        /** @param replies told the code of every final reply the server sends (metrics); must not block */
        public Builder replyObserver(IntConsumer replies) {
            this.replies = Objects.requireNonNull(replies);
            return this;
        }

        /** Asked at connect, before the greeting, and at each HELO and EHLO; default: everyone gets in. */
        public Builder sessionGate(SessionGate gate) {
            this.gate = Objects.requireNonNull(gate);
            return this;
        }

        /**
         * Waits this long before the greeting (after the gate's connect check, whose time counts),
         * and drops a client that sends anything meanwhile with 521 5.5.1: it did not wait for the
         * greeting, as spam software does ({@link SessionGate#earlyTalker} is told). Not with
         * implicit TLS, where the client speaks first.
         *
         * @param delay zero (the default): greet at once
         */
        public Builder greetDelay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("the greet delay must be zero or positive");
            }
            this.greetDelay = delay;
            return this;
        }

        /** @param grace how long {@link #stop()} lets transactions in progress finish; zero: none */
        public Builder shutdownGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("the shutdown grace must be zero or positive");
            }
            this.shutdownGrace = grace;
            return this;
        }

        public HardenedSmtpServer build() {
            if (messageHandlers == null || hostName == null || hostName.isBlank() || limits == null) {
                throw new IllegalStateException("an SMTP server needs a message handler factory, a host name and limits");
            }
            if (tlsMode != TlsMode.NONE && tlsContexts == null) {
                throw new IllegalStateException(tlsMode + " needs an SSLContext");
            }
            if (authenticator != null && tlsMode == TlsMode.NONE) {
                throw new IllegalStateException("AUTH is offered only over TLS: a listener with AUTH needs TLS");
            }
            ConnectionLimits connections = new ConnectionLimits(limits.maxConnections(), limits.maxConnectionsPerAddress());
            StartTlsSockets tls = tlsMode == TlsMode.NONE ? null : new StartTlsSockets(tlsContexts);
            StartTlsSockets implicitTls = tlsMode == TlsMode.IMPLICIT ? tls : null;
            SmtpLimits limits = this.limits;
            IntConsumer replies = this.replies;
            GracefulStop graceful = new GracefulStop();
            AtomicReference<GuardedServerSocket> listening = new AtomicReference<>();
            SMTPServer.Builder builder = SMTPServer.port(port)
                    .bindAddress(Optional.ofNullable(bindAddress))
                    .hostName(hostName)
                    .softwareName("Yubin")
                    .messageHandlerFactory(messageHandlers)
                    // SubEthaSMTP checks only the declared SIZE=; MessageDataReader counts the octets
                    .maxMessageSize((int) Math.min(Integer.MAX_VALUE, limits.maxMessageSize()))
                    // the handler counts recipients, to answer 452 4.5.3
                    .maxRecipients(-1)
                    // one more than ours, so that SessionLimits refuses first, with an enhanced code
                    .maxConnections(limits.maxConnections() + 1)
                    .connectionTimeout((int) limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    // random, not SubEthaSMTP's time-based ids: the policy service counts the sessions
                    // of every replica by this id, so ids of two replicas must never meet
                    .sessionIdFactory(() -> UUID.randomUUID().toString())
                    .sessionHandler(new SessionLimits(connections, graceful, gate, new GreetDelay(greetDelay)))
                    .serverSocketFactory(() -> {
                        GuardedServerSocket socket = new GuardedServerSocket(
                                () -> new ConnectionGuard(limits.maxErrors(), replies), implicitTls);
                        listening.set(socket);
                        return socket;
                    })
                    // the handler writes ours: with the right protocol and the queue id, no reverse lookup
                    .insertReceivedHeaders(false);
            if (tlsMode.offersStartTls()) {
                builder.enableTLS().startTlsSocketFactory(tls);
            }
            if (tlsMode == TlsMode.STARTTLS_REQUIRED) {
                builder.requireTLS();
            }
            if (authenticator != null) {
                builder.authenticationHandlerFactory(new SaslAuthentication(authenticator)).requireAuth();
            }
            SMTPServer server = builder.build();
            // SubEthaSMTP has no public way to change its commands: these replace or add to its own
            server.getCommandHandler().addCommand(new EhloCommand(limits.maxMessageSize(), authenticator != null, gate));
            server.getCommandHandler().addCommand(new HeloCommand(gate, tlsMode == TlsMode.STARTTLS_REQUIRED));
            server.getCommandHandler().addCommand(new MailFromCommand(limits.maxMessageSize(),
                    tlsMode == TlsMode.STARTTLS_REQUIRED, authenticator != null, graceful));
            server.getCommandHandler().addCommand(new DataCommand());
            server.getCommandHandler().addCommand(new BdatChunkCommand(limits.maxMessageSize()));
            server.getCommandHandler().addCommand(new LineTooLongCommand());
            if (authenticator != null) {
                server.getCommandHandler().addCommand(new TlsOnlyAuthCommand());
            }
            return new HardenedSmtpServer(server, connections, listening, graceful, shutdownGrace);
        }
    }
}
