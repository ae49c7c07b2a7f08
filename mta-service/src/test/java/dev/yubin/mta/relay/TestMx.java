package dev.yubin.mta.relay;

import dev.yubin.smtp.server.fixtures.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A remote MX: a real SMTP server (SubEthaSMTP) on one loopback address, which records what it
 * receives and how many sessions it has at once, and can refuse recipients, greylist, or hold
 * every DATA until the test releases it.
 */
final class TestMx implements AutoCloseable {

    record Received(String from, List<String> recipients, byte[] data, String helo, boolean tls) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger maxActive = new AtomicInteger();
    private final Set<String> unknownUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> greylisted = ConcurrentHashMap.newKeySet();
    private final Set<String> alwaysLater = ConcurrentHashMap.newKeySet();
    private volatile boolean greylisting;
    private volatile SelfSignedCertificate certificate;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private SMTPServer server;

    /** RCPT TO this address is refused with 550 5.1.1. */
    TestMx unknownUser(String address) {
        unknownUsers.add(address);
        return this;
    }

    /** RCPT TO this address is refused with 451 4.2.0, every time. */
    TestMx mailboxBusy(String address) {
        alwaysLater.add(address);
        return this;
    }

    /** The first RCPT TO of each recipient is refused with 451 4.7.1. */
    TestMx greylisting() {
        greylisting = true;
        return this;
    }

    /** Offers STARTTLS with a self-signed certificate. */
    TestMx startTls() {
        return startTls(SelfSignedCertificate.create("mx.test"));
    }

    /** Offers STARTTLS with this certificate. */
    TestMx startTls(SelfSignedCertificate certificate) {
        this.certificate = certificate;
        return this;
    }

    /** Every DATA waits for {@link #release()}. */
    TestMx holdData() {
        gate = new CountDownLatch(1);
        return this;
    }

    void release() {
        gate.countDown();
    }

    TestMx start(String ip, int port) {
        try {
            SMTPServer.Builder builder = SMTPServer.port(port);
            if (certificate != null) {
                builder.enableTLS().startTlsSocketFactory(certificate.sslContext());
            }
            server = builder
                    .bindAddress(InetAddress.getByName(ip))
                    .hostName("mx.test")
                    .insertReceivedHeaders(false)
                    .maxMessageSize(10_000_000)
                    .sessionHandler(new Counting())
                    .messageHandlerFactory(this::handler)
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.start();
        return this;
    }

    private MessageHandler handler(MessageContext context) {
        return new MessageHandler() {
            private String from;
            private final List<String> recipients = new ArrayList<>();

            @Override
            public void from(String address) {
                from = address;
            }

            @Override
            public void recipient(String address) throws RejectException {
                if (unknownUsers.contains(address)) {
                    throw new RejectException(550, "5.1.1 <" + address + ">: no such user");
                }
                if (alwaysLater.contains(address)) {
                    throw new RejectException(451, "4.2.0 mailbox busy, try again later");
                }
                if (greylisting && greylisted.add(address)) {
                    throw new RejectException(451, "4.7.1 greylisted, try again later");
                }
                recipients.add(address);
            }

            @Override
            public String data(InputStream data) throws IOException {
                byte[] bytes = data.readAllBytes();
                try {
                    if (!gate.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("the test never released the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                received.add(new Received(from, List.copyOf(recipients), bytes, context.getHelo().orElse(""),
                        context instanceof Session session && session.isTLSStarted()));
                return null;
            }

            @Override
            public void done() {}
        };
    }

    private final class Counting implements SessionHandler {
        @Override
        public SessionAcceptance accept(Session session) {
            sessions.incrementAndGet();
            int now = active.incrementAndGet();
            maxActive.accumulateAndGet(now, Math::max);
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {
            active.decrementAndGet();
        }
    }

    @Override
    public void close() {
        gate.countDown();
        if (server != null) {
            server.stop();
        }
    }
}
