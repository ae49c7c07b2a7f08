package dev.yubin.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A remote MX on the Internet as the relay meets it: a real SMTP server (SubEthaSMTP) on one
 * loopback address and the port the platform's relay uses for every MX. It keeps what it
 * receives, refuses the recipients it is told do not exist (550 5.1.1), and can greylist: the
 * first RCPT of each recipient gets 451 4.7.1, every later one 250.
 */
final class RemoteMx implements AutoCloseable {

    record Received(String from, List<String> recipients, byte[] data) {}

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Every RCPT reply this server gave, {@code "<address> 250"} or {@code "<address> 451"}, in order. */
    final List<String> rcptReplies = new CopyOnWriteArrayList<>();
    private final Set<String> unknownUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> greylisted = ConcurrentHashMap.newKeySet();
    private final boolean greylisting;
    private final SMTPServer server;

    private RemoteMx(String hostName, String ip, int port, boolean greylisting) throws IOException {
        this.greylisting = greylisting;
        this.server = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(ip))
                .hostName(hostName)
                .insertReceivedHeaders(false)
                .messageHandlerFactory(this::handler)
                .build();
        server.start();
    }

    static RemoteMx accepting(String hostName, String ip, int port) throws IOException {
        return new RemoteMx(hostName, ip, port, false);
    }

    static RemoteMx greylisting(String hostName, String ip, int port) throws IOException {
        return new RemoteMx(hostName, ip, port, true);
    }

    /** RCPT TO this address is refused with 550 5.1.1. */
    RemoteMx unknownUser(String address) {
        unknownUsers.add(address);
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
                    rcptReplies.add(address + " 550");
                    throw new RejectException(550, "5.1.1 <" + address + ">: Recipient address rejected: no such user");
                }
                if (greylisting && greylisted.add(address)) {
                    rcptReplies.add(address + " 451");
                    throw new RejectException(451, "4.7.1 <" + address + ">: greylisted, try again later");
                }
                rcptReplies.add(address + " 250");
                recipients.add(address);
            }

            @Override
            public String data(InputStream data) throws IOException {
                received.add(new Received(from, List.copyOf(recipients), data.readAllBytes()));
                return null;
            }

            @Override
            public void done() {}
        };
    }

    @Override
    public void close() {
        server.stop();
    }
}
