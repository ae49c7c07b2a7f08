package dev.yubin.policy.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address
 * is a network of one. Host bits after the prefix must be zero: {@code 10.0.0.1/8} is refused
 * as a likely typo rather than silently widened.
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range 0-" + bits);
        }
    }

    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty network");
        }
        String candidate = text.strip();
        int slash = candidate.indexOf('/');
        String addressPart = slash < 0 ? candidate : candidate.substring(0, slash);
        InetAddress address = IpLiterals.parse(addressPart)
                .orElseThrow(() -> new IllegalArgumentException("not an IP network: " + text));
        int bits = address.getAddress().length * 8;
        if (addressPart.contains(":") && bits == 32) {
            throw new IllegalArgumentException("write the IPv4-mapped network " + text + " as an IPv4 CIDR");
        }
        int prefix = slash < 0 ? bits : parsePrefix(candidate.substring(slash + 1), text);
        Cidr cidr = new Cidr(address, prefix);
        byte[] network = masked(address.getAddress(), prefix);
        if (!Arrays.equals(network, address.getAddress())) {
            throw new IllegalArgumentException("host bits set in " + text + "; did you mean "
                    + new Cidr(toAddress(network), prefix) + "?");
        }
        return cidr;
    }

    /** True when {@code address} is inside this network; never across IPv4 and IPv6. */
    public boolean contains(InetAddress address) {
        byte[] net = network.getAddress();
        byte[] candidate = address.getAddress();
        if (net.length != candidate.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (net[i] != candidate[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - restBits)) & 0xFF;
        return (net[fullBytes] & mask) == (candidate[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static int parsePrefix(String prefix, String text) {
        if (!prefix.matches("\\d{1,3}")) {
            throw new IllegalArgumentException("bad prefix length in " + text);
        }
        return Integer.parseInt(prefix);
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return network;
    }

    private static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
