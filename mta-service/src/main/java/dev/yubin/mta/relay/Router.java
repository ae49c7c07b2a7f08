package dev.yubin.mta.relay;

import dev.yubin.mta.dns.MxHost;
import dev.yubin.mta.dns.MxResolver;
import dev.yubin.mta.dns.Route;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where to connect for a destination domain: the smarthost when one is set, the address of an
 * address literal ({@code [192.0.2.1]}), else the domain's MX hosts on {@code yubin.relay.smtp-port}.
 */
final class Router {

    private final MxResolver resolver;
    private final int smtpPort;
    private final String smarthost;
    private final int smarthostPort;

    Router(MxResolver resolver, RelayProperties properties) {
        this.resolver = resolver;
        this.smtpPort = properties.smtpPort();
        String configured = properties.smarthost() == null ? "" : properties.smarthost().strip();
        if (configured.isEmpty()) {
            smarthost = "";
            smarthostPort = 0;
        } else {
            String host = configured;
            int port = 25;
            if (configured.startsWith("[")) {
                int close = configured.indexOf(']');
                host = configured.substring(1, close);
                if (configured.length() > close + 2 && configured.charAt(close + 1) == ':') {
                    port = Integer.parseInt(configured.substring(close + 2));
                }
            } else if (configured.indexOf(':') > 0 && configured.indexOf(':') == configured.lastIndexOf(':')) {
                host = configured.substring(0, configured.indexOf(':'));
                port = Integer.parseInt(configured.substring(configured.indexOf(':') + 1));
            }
            smarthost = host;
            smarthostPort = port;
        }
    }

    Route route(String domain) {
        if (!smarthost.isEmpty()) {
            return host(smarthost, smarthostPort);
        }
        if (domain.startsWith("[") && domain.endsWith("]")) {
            String literal = domain.substring(1, domain.length() - 1);
            return literal(literal.regionMatches(true, 0, "IPv6:", 0, 5) ? literal.substring(5) : literal, smtpPort);
        }
        return resolver.resolve(domain, smtpPort);
    }

    private Route host(String host, int port) {
        if (Character.isDigit(host.charAt(0)) || host.contains(":")) {
            return literal(host, port);
        }
        MxResolver.Addresses addresses = resolver.addressesOf(host);
        if (addresses.list().isEmpty()) {
            return new Route.TryAgain("smarthost " + host + " has no address");
        }
        return new Route.Hosts(List.of(new MxHost(host, 0, addresses.list(), port)));
    }

    private static Route literal(String ip, int port) {
        try {
            // only digits, dots, colons and hex reach here: no DNS lookup happens
            InetAddress address = InetAddress.getByName(ip);
            return new Route.Hosts(List.of(new MxHost(ip, 0, List.of(address), port)));
        } catch (UnknownHostException e) {
            return new Route.Undeliverable("not an address: " + ip, false);
        }
    }
}
