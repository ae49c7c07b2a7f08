package dev.yubin.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server on 127.0.0.1 (UDP, a free port) that answers TXT questions from a
 * table and NXDOMAIN to anything else: enough to publish a DKIM key where a verifier looks.
 */
final class TestDnsServer implements AutoCloseable {

    private static final int PLAIN_DNS_SIZE = 512;

    private final DatagramSocket socket;
    private final Map<Name, String> txt = new ConcurrentHashMap<>();

    TestDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Publishes {@code value} as the TXT record of {@code name}. */
    void txt(String name, String value) {
        try {
            txt.put(Name.fromString(name, Name.root), value);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a datagram that is no DNS message: nothing to answer
            }
        }
    }

    private byte[] answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        String value = question.getType() == Type.TXT ? txt.get(question.getName()) : null;
        if (value == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            response.addRecord(new TXTRecord(question.getName(), DClass.IN, 60, chunks(value)), Section.ANSWER);
        }
        // A 2048-bit key with its names comes close to plain DNS's 512 octets: use the room an
        // EDNS client offers, so that the answer is never truncated (we serve no TCP).
        OPTRecord opt = query.getOPT();
        return response.toWire(opt == null ? PLAIN_DNS_SIZE : Math.max(PLAIN_DNS_SIZE, opt.getPayloadSize()));
    }

    /** A TXT string holds at most 255 octets: a 2048-bit key takes two. */
    private static List<String> chunks(String value) {
        List<String> chunks = new ArrayList<>();
        for (int at = 0; at < value.length(); at += 255) {
            chunks.add(value.substring(at, Math.min(value.length(), at + 255)));
        }
        return chunks;
    }

    @Override
    public void close() {
        socket.close();
    }
}
