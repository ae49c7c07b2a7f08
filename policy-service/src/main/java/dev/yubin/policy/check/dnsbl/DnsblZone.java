package dev.yubin.policy.check.dnsbl;

import dev.yubin.policy.net.IpLiterals;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One DNSBL zone as configured: {@code zone}, {@code zone=weight} or
 * {@code zone=weight:127.0.0.2,127.0.0.4} (only those answer codes count, as postscreen's
 * {@code zone=127.0.0.[2;4]}). A negative weight makes an allow list (a DNSWL) that offsets others.
 *
 * @param codes the answers that count as a listing; empty: any address in 127.0.0.0/8
 */
record DnsblZone(String zone, int weight, Set<InetAddress> codes) {

    static DnsblZone parse(String spec) {
        String text = spec.strip();
        int equals = text.indexOf('=');
        String zone = (equals < 0 ? text : text.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
        if (zone.endsWith(".")) {
            zone = zone.substring(0, zone.length() - 1);
        }
        if (!zone.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("yubin.policy.dnsbl.zones: bad zone in '" + spec + "'");
        }
        if (equals < 0) {
            return new DnsblZone(zone, 1, Set.of());
        }
        String rest = text.substring(equals + 1).strip();
        int colon = rest.indexOf(':');
        String weightText = colon < 0 ? rest : rest.substring(0, colon).strip();
        int weight;
        try {
            weight = Integer.parseInt(weightText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("yubin.policy.dnsbl.zones: bad weight in '" + spec + "'");
        }
        Set<InetAddress> codes = colon < 0 ? Set.of() : Arrays.stream(rest.substring(colon + 1).split(","))
                .map(String::strip)
                .map(code -> IpLiterals.parse(code).filter(Inet4Address.class::isInstance).orElseThrow(() ->
                        new IllegalArgumentException("yubin.policy.dnsbl.zones: bad answer code '" + code + "' in '"
                                + spec + "'")))
                .collect(Collectors.toUnmodifiableSet());
        return new DnsblZone(zone, weight, codes);
    }

    /**
     * Whether the zone's answer lists the client. Without a filter, only 127.0.0.0/8 counts, and not
     * 127.255.255.0/24, where some lists answer "you asked too often" rather than "listed".
     */
    boolean lists(List<InetAddress> answer) {
        if (!codes.isEmpty()) {
            return answer.stream().anyMatch(codes::contains);
        }
        return answer.stream().map(InetAddress::getAddress)
                .anyMatch(a -> a.length == 4 && a[0] == 127 && !(a[1] == (byte) 255 && a[2] == (byte) 255));
    }

    @Override
    public String toString() {
        return zone + "=" + weight + (codes.isEmpty() ? ""
                : ":" + codes.stream().map(InetAddress::getHostAddress).sorted().collect(Collectors.joining(",")));
    }
}
