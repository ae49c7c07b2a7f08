package dev.yubin.policy.support;

import dev.yubin.policy.dns.DnsLookup;
import dev.yubin.policy.dns.DnsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * An authoritative DNS server for tests on 127.0.0.1 (UDP, a random port), built on dnsjava's
 * message classes: it answers A, AAAA, PTR, TXT and MX from a table, NXDOMAIN or NODATA with a
 * SOA (negative TTL {@value #NEGATIVE_TTL} s) otherwise, and never answers for names under a
 * silenced zone, so that a lookup times out.
 */
public final class TestDnsServer implements AutoCloseable {

    public static final long TTL = 300;
    public static final long NEGATIVE_TTL = 30;

    private record Key(Name name, int type) {}

    private final DatagramSocket socket;
    private final Map<Key, List<Record>> table = new ConcurrentHashMap<>();
    private final Set<Name> names = ConcurrentHashMap.newKeySet();
    private final Set<Name> silenced = ConcurrentHashMap.newKeySet();
    private final Set<Key> silencedQuestions = ConcurrentHashMap.newKeySet();
    private final Map<Name, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final Thread thread;
    private final SOARecord soa;

    private TestDnsServer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        soa = new SOARecord(Name.root, DClass.IN, TTL, name("ns.test"), name("hostmaster.test"), 1, 3600, 600,
                86400, NEGATIVE_TTL);
        thread = new Thread(this::serve, "test-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public static TestDnsServer start() {
        try {
            return new TestDnsServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resolver of the service that asks this server alone (300 ms, one attempt), for unit tests. */
    public DnsLookup lookup(Clock clock) {
        return new DnsLookup(new DnsProperties(List.of(address()), Duration.ofMillis(300), 1, 1000, Duration.ofHours(1),
                Duration.ofMinutes(15)), clock, new SimpleMeterRegistry());
    }

    /** What {@code yubin.dns.servers} should say. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public TestDnsServer a(String host, String address) {
        return add(new ARecord(name(host), DClass.IN, TTL, ip(address)));
    }

    public TestDnsServer aaaa(String host, String address) {
        return add(new AAAARecord(name(host), DClass.IN, TTL, ip(address)));
    }

    /** A PTR record for {@code address} pointing at {@code host}. */
    public TestDnsServer ptr(String address, String host) {
        return add(new PTRRecord(ReverseMap.fromAddress(ip(address)), DClass.IN, TTL, name(host)));
    }

    public TestDnsServer txt(String host, String text) {
        return add(new TXTRecord(name(host), DClass.IN, TTL, text));
    }

    public TestDnsServer mx(String domain, int preference, String host) {
        return add(new MXRecord(name(domain), DClass.IN, TTL, preference, name(host)));
    }

    /** From now on, questions about {@code zone} and the names below it go unanswered. */
    public TestDnsServer silence(String zone) {
        silenced.add(name(zone));
        return this;
    }

    /** From now on, questions of this one type about {@code host} go unanswered. */
    public TestDnsServer silence(String host, int type) {
        silencedQuestions.add(new Key(name(host), type));
        return this;
    }

    /** How many questions about {@code host} (any type) arrived. */
    public int queries(String host) {
        AtomicInteger count = queries.get(name(host));
        return count == null ? 0 : count.get();
    }

    /** How many questions about the PTR name of {@code address} arrived. */
    public int reverseQueries(String address) {
        AtomicInteger count = queries.get(ReverseMap.fromAddress(ip(address)));
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        socket.close();
    }

    private TestDnsServer add(Record record) {
        table.computeIfAbsent(new Key(record.getName(), record.getType()), k -> new CopyOnWriteArrayList<>())
                .add(record);
        names.add(record.getName());
        return this;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] reply = answer(query);
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (SocketException e) {
                return;   // closed
            } catch (IOException e) {
                // A malformed question: like a real server, ignore it.
            }
        }
    }

    private byte[] answer(Message query) {
        Record question = query.getQuestion();
        Name qname = question.getName();
        queries.computeIfAbsent(qname, n -> new AtomicInteger()).incrementAndGet();
        if (silenced.stream().anyMatch(qname::subdomain)
                || silencedQuestions.contains(new Key(qname, question.getType()))) {
            return null;
        }
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        List<Record> records = table.get(new Key(qname, question.getType()));
        if (records != null) {
            records.forEach(r -> response.addRecord(r, Section.ANSWER));
        } else {
            if (!names.contains(qname)) {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
            }
            response.addRecord(soa, Section.AUTHORITY);
        }
        return response.toWire();
    }

    private static Name name(String host) {
        try {
            return Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(host, e);
        }
    }

    private static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
