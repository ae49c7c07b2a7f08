package dev.yubin.policy.dns;

import java.net.InetSocketAddress;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** Builds the resolver from {@code yubin.dns.servers}; a malformed entry stops startup. */
final class DnsServers {

    private static final int DNS_PORT = 53;

    private DnsServers() {}

    static ExtendedResolver resolver(List<String> servers) {
        if (servers.isEmpty()) {
            return new ExtendedResolver();
        }
        List<Resolver> resolvers = servers.stream().map(s -> (Resolver) new SimpleResolver(address(s))).toList();
        ExtendedResolver resolver = new ExtendedResolver(resolvers);
        // Ask them in the order given: the first is the one the operator meant, the rest stand by.
        resolver.setLoadBalance(false);
        return resolver;
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    static InetSocketAddress address(String server) {
        String host = server;
        int port = DNS_PORT;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("yubin.dns.servers: bad address " + server);
            }
            host = server.substring(1, close);
            String rest = server.substring(close + 1);
            if (!rest.isEmpty()) {
                port = port(rest.startsWith(":") ? rest.substring(1) : "x", server);
            }
        } else if (server.indexOf(':') >= 0 && server.indexOf(':') == server.lastIndexOf(':')) {
            host = server.substring(0, server.indexOf(':'));
            port = port(server.substring(server.indexOf(':') + 1), server);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("yubin.dns.servers: unknown host " + host);
        }
        return address;
    }

    private static int port(String text, String server) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("yubin.dns.servers: bad port in " + server);
        }
    }
}
