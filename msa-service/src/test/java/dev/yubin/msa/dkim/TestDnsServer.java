package dev.yubin.msa.dkim;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** A DNS server on 127.0.0.1 (UDP, a free port) that answers TXT questions from a table. */
final class TestDnsServer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Map<Name, String> txt = new ConcurrentHashMap<>();
    private final Thread thread;

    TestDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    void txt(String name, String value) {
        try {
            txt.put(Name.fromString(name.endsWith(".") ? name : name + "."), value);
        } catch (IOException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
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
        return response.toWire(512);
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
