package dev.yubin.mta.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server on 127.0.0.1 (UDP, a random port) answering MX, A and AAAA
 * queries from a table the test fills: a name in the table with no record of the asked type
 * gets an empty NOERROR answer, a name not in it NXDOMAIN, a name marked broken SERVFAIL.
 */
final class TestDns implements AutoCloseable {

    private static final long TTL = 300;

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    private TestDns(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    static TestDns start() {
        return start(0);
    }

    /** On a fixed port: for {@link RelayBench}, whose relay is told the port before it starts. */
    static TestDns start(int port) {
        try {
            return new TestDns(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    TestDns mx(String domain, int preference, String host) {
        return add(domain, new MXRecord(name(domain), DClass.IN, TTL, preference, name(host)));
    }

    /** RFC 7505: "MX 0 ." */
    TestDns nullMx(String domain) {
        return add(domain, new MXRecord(name(domain), DClass.IN, TTL, 0, Name.root));
    }

    TestDns a(String host, String ip) {
        try {
            InetAddress address = InetAddress.getByName(ip);
            Record record = address.getAddress().length == 4
                    ? new ARecord(name(host), DClass.IN, TTL, address)
                    : new AAAARecord(name(host), DClass.IN, TTL, address);
            return add(host, record);
        } catch (IOException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }

    TestDns servfail(String domain) {
        broken.add(key(domain));
        return this;
    }

    private TestDns add(String owner, Record record) {
        records.computeIfAbsent(key(owner), k -> new CopyOnWriteArrayList<>()).add(record);
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a packet that is no DNS message: serve the next one
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        String key = key(question.getName().toString());
        if (broken.contains(key)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        List<Record> known = records.get(key);
        if (known == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record record : known) {
            if (record.getType() == question.getType() || question.getType() == Type.ANY) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        return response;
    }

    private static Name name(String host) {
        try {
            return Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(host, e);
        }
    }

    private static String key(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    @Override
    public void close() {
        socket.close();
    }
}
