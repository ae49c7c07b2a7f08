package dev.yubin.mta.dns;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/** The resolver of {@code yubin.dns.servers} (else the system's) and its cache. */
@Configuration(proxyBeanMethods = false)
class DnsConfig {

    @Bean
    MxResolver mxResolver(DnsProperties dns) {
        Cache cache = new Cache(DClass.IN);
        cache.setMaxEntries(dns.cacheEntries());
        return new MxResolver(resolver(dns), cache);
    }

    @Bean
    TxtLookup txtLookup(DnsProperties dns) {
        Cache cache = new Cache(DClass.IN);
        cache.setMaxEntries(dns.cacheEntries());
        return new TxtLookup(resolver(dns), cache);
    }

    static Resolver resolver(DnsProperties dns) {
        ExtendedResolver resolver;
        if (dns.servers().isEmpty()) {
            resolver = new ExtendedResolver(); // the servers of /etc/resolv.conf (or the platform's)
        } else {
            List<Resolver> servers = new ArrayList<>();
            for (String server : dns.servers()) {
                servers.add(new SimpleResolver(socketAddress(server.strip())));
            }
            resolver = new ExtendedResolver(servers);
        }
        resolver.setTimeout(dns.timeout());
        return resolver;
    }

    /** {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address. */
    static InetSocketAddress socketAddress(String server) {
        int port = SimpleResolver.DEFAULT_PORT;
        String host = server;
        if (server.startsWith("[")) {
            int close = server.indexOf(']');
            host = server.substring(1, close);
            if (server.length() > close + 2 && server.charAt(close + 1) == ':') {
                port = Integer.parseInt(server.substring(close + 2));
            }
        } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') > 0) {
            host = server.substring(0, server.indexOf(':'));
            port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
        }
        return new InetSocketAddress(host, port);
    }
}
