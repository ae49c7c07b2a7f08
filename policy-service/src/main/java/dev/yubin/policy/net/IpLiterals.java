package dev.yubin.policy.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS (InetAddress.getByName would, for a name). */
public final class IpLiterals {

    // Strict dotted quad: InetAddress would also take "10.1" or "010.0.0.1" in odd meanings.
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private IpLiterals() {}

    /**
     * An IPv4 or IPv6 literal. An IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) comes back
     * as its IPv4 address, so that IPv4 networks match clients seen on a dual-stack socket.
     */
    public static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip();
        boolean v4 = IPV4.matcher(candidate).matches();
        boolean v6 = !v4 && candidate.contains(":") && IPV6.matcher(candidate).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // Only digits, hex, dots and colons reach here: getByName parses, it does not resolve.
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
