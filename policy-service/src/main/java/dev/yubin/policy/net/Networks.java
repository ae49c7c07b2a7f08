package dev.yubin.policy.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The network an address belongs to, for checks that count or remember clients by network. */
public final class Networks {

    private Networks() {}

    /**
     * The network of {@code address} with the given prefix length for its family, written as a
     * CIDR: {@code networkOf(192.0.2.77, 24, 64)} is {@code 192.0.2.0/24}. An IPv6 site gets a /64
     * or more to itself, so one address of it says little.
     */
    public static String networkOf(InetAddress address, int ipv4Bits, int ipv6Bits) {
        byte[] bytes = address.getAddress();
        int prefix = address instanceof Inet4Address ? ipv4Bits : ipv6Bits;
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
