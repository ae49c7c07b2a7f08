package dev.yubin.mta.dns;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * RFC 5321 §5.1 with RFC 7505: which hosts to try for a domain, in which order. Answers come
 * through {@code yubin.dns.servers} and are kept in a cache of our own for as long as their TTL
 * says (dnsjava's {@link Cache}); the static default cache of dnsjava is never used. Blocking:
 * call it from a relay worker thread, never from the Kafka poll thread.
 */
public class MxResolver {

    /** What a lookup of one name and type found. */
    private record Answer(List<Record> records, int result, String error) {
        boolean temporary() {
            return result == Lookup.TRY_AGAIN || result == Lookup.UNRECOVERABLE;
        }
    }

    private final Resolver resolver;
    private final Cache cache;

    public MxResolver(Resolver resolver, Cache cache) {
        this.resolver = resolver;
        this.cache = cache;
    }

    /**
     * The hosts for mail to {@code domain}: its MX hosts by preference (equal preferences in a
     * random order, so load spreads), or the domain itself when it has no MX (implicit MX).
     */
    public Route resolve(String domain, int port) {
        Answer mx = lookup(domain, Type.MX);
        if (mx.result() == Lookup.HOST_NOT_FOUND) {
            return new Route.Undeliverable("domain " + domain + " not found", false);
        }
        if (mx.temporary()) {
            return new Route.TryAgain("MX lookup for " + domain + " failed: " + mx.error());
        }
        if (mx.result() == Lookup.TYPE_NOT_FOUND || mx.records().isEmpty()) {
            return implicitMx(domain, port);
        }
        Map<Integer, List<Name>> byPreference = new TreeMap<>();
        for (Record record : mx.records()) {
            if (record instanceof MXRecord m && !m.getTarget().equals(Name.root)) {
                byPreference.computeIfAbsent(m.getPriority(), p -> new ArrayList<>()).add(m.getTarget());
            }
        }
        if (byPreference.isEmpty()) {
            // Only "MX 0 ." (RFC 7505): the domain says it takes no mail at all.
            return new Route.Undeliverable("domain " + domain + " accepts no mail (null MX)", true);
        }
        List<MxHost> hosts = new ArrayList<>();
        boolean temporaryFailure = false;
        for (Map.Entry<Integer, List<Name>> group : byPreference.entrySet()) {
            List<Name> names = new ArrayList<>(group.getValue());
            Collections.shuffle(names, ThreadLocalRandom.current());
            for (Name name : names) {
                String host = withoutDot(name);
                Addresses addresses = addressesOf(host);
                temporaryFailure |= addresses.temporaryFailure();
                if (!addresses.list().isEmpty()) {
                    hosts.add(new MxHost(host, group.getKey(), addresses.list(), port));
                }
            }
        }
        if (hosts.isEmpty()) {
            return temporaryFailure
                    ? new Route.TryAgain("address lookup of the MX hosts of " + domain + " failed")
                    : new Route.Undeliverable("no MX host of " + domain + " has an address", false);
        }
        return new Route.Hosts(hosts);
    }

    /** The A then AAAA addresses of a host name. */
    public Addresses addressesOf(String host) {
        List<InetAddress> addresses = new ArrayList<>();
        boolean temporary = false;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Answer answer = lookup(host, type);
            temporary |= answer.temporary();
            for (Record record : answer.records()) {
                if (record instanceof ARecord a) {
                    addresses.add(a.getAddress());
                } else if (record instanceof AAAARecord aaaa) {
                    addresses.add(aaaa.getAddress());
                }
            }
        }
        return new Addresses(addresses, temporary && addresses.isEmpty());
    }

    /** @param temporaryFailure no address, and a lookup failed in a way that may pass */
    public record Addresses(List<InetAddress> list, boolean temporaryFailure) {
        public Addresses {
            list = List.copyOf(list);
        }
    }

    private Route implicitMx(String domain, int port) {
        Addresses addresses = addressesOf(domain);
        if (addresses.list().isEmpty()) {
            return addresses.temporaryFailure()
                    ? new Route.TryAgain("address lookup of " + domain + " failed")
                    : new Route.Undeliverable("domain " + domain + " has no MX and no address", false);
        }
        return new Route.Hosts(List.of(new MxHost(domain, 0, addresses.list(), port)));
    }

    private Answer lookup(String host, int type) {
        Lookup lookup;
        try {
            // absolute, so that no search domain of the machine is ever appended
            lookup = new Lookup(Name.fromString(host.endsWith(".") ? host : host + "."), type);
        } catch (TextParseException e) {
            return new Answer(List.of(), Lookup.HOST_NOT_FOUND, e.getMessage());
        }
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        // DNS decides where mail goes, not this machine's /etc/hosts
        lookup.setHostsFileParser(null);
        Record[] records = lookup.run();
        List<Record> list = records == null ? List.of() : List.of(records);
        return new Answer(list, lookup.getResult(), lookup.getErrorString());
    }

    private static String withoutDot(Name name) {
        String text = name.toString();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

}
