package dev.yubin.policy.check.helo;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.DomainName;
import dev.yubin.policy.net.IpLiterals;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Our names and addresses, gathered once at startup; a bad configured one stops startup. */
@Component
class OwnIdentity {

    private final Set<String> names;
    private final Set<InetAddress> addresses;

    OwnIdentity(MtaNames mta, HeloProperties properties) {
        Set<String> ownNames = new HashSet<>();
        Stream.concat(mta.hostnameOrLocal().stream(), properties.ownNames().stream())
                .map(OwnIdentity::canonical)
                .forEach(ownNames::add);
        this.names = Set.copyOf(ownNames);
        Set<InetAddress> ownAddresses = new HashSet<>(interfaceAddresses());
        for (String address : properties.ownAddresses()) {
            ownAddresses.add(IpLiterals.parse(address).orElseThrow(() ->
                    new IllegalArgumentException("yubin.policy.helo.own-addresses: not an IP address: " + address)));
        }
        this.addresses = Set.copyOf(ownAddresses);
    }

    boolean isOwnName(String canonicalName) {
        return names.contains(canonicalName);
    }

    boolean isOwnAddress(InetAddress address) {
        return addresses.contains(address);
    }

    /** Lower-case A-label without a final dot; as it was, lower case, when it is no valid name. */
    static String canonical(String name) {
        String bare = name.strip();
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        try {
            return DomainName.parse(bare).value();
        } catch (AddressException e) {
            return bare.toLowerCase(Locale.ROOT);
        }
    }

    private static Set<InetAddress> interfaceAddresses() {
        try {
            Set<InetAddress> found = new HashSet<>();
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                found.addAll(Collections.list(nic.getInetAddresses()));
            }
            // A scope id (fe80::1%eth0) would never equal an address parsed from a HELO literal.
            return found.stream().map(OwnIdentity::withoutScope).collect(Collectors.toSet());
        } catch (SocketException e) {
            return Set.of();
        }
    }

    private static InetAddress withoutScope(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
