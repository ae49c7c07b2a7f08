package dev.yubin.policy.dns;

import dev.yubin.policy.dns.DnsAnswer.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.InterruptedIOException;
import java.net.IDN;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The one resolver of every DNS check: dnsjava over {@code yubin.dns.servers}, answers cached by
 * their TTL and negative answers by their SOA minimum (RFC 2308), or briefly without one. A
 * timeout or server failure comes back as such ({@link DnsAnswer#isTemporaryFailure()}), is not
 * cached, and never looks like NXDOMAIN. A question already on its way is not asked again:
 * concurrent lookups of one name and type share the answer (a burst of mail from one domain is
 * one query, not one per session, and a resolver that drops some of a burst costs less).
 * Network lookups are timed in {@code yubin.dns.lookups{type,status}}.
 */
@Component
public class DnsLookup {

    private static final Logger log = LoggerFactory.getLogger(DnsLookup.class);

    private final ExtendedResolver resolver;
    private final DnsCache cache;
    private final DnsProperties properties;
    private final Duration budget;
    private final MeterRegistry meters;
    private final Map<Question, CompletableFuture<DnsAnswer>> inFlight = new ConcurrentHashMap<>();

    private record Question(Name name, int type) {}

    public DnsLookup(DnsProperties properties, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.resolver = DnsServers.resolver(properties.servers());
        for (Resolver server : resolver.getResolvers()) {
            server.setTimeout(properties.timeout());
        }
        resolver.setRetries(properties.attempts());
        // Every attempt at every server may take its full timeout; beyond that the lookup has timed out.
        Duration total = properties.timeout().multipliedBy(
                (long) properties.attempts() * Math.max(1, resolver.getResolvers().length));
        resolver.setTimeout(total);
        this.budget = total.plusMillis(200);
        this.cache = new DnsCache(clock, properties.cacheSize());
        this.meters = meters;
        log.info("DNS lookups go to {}", properties.servers().isEmpty() ? "the system's resolvers "
                + Arrays.toString(resolver.getResolvers()) : properties.servers());
    }

    /** Looks {@code name} up; waits at most about {@code timeout × attempts × servers}. */
    public DnsAnswer lookup(String name, int type) {
        return lookupAsync(name, type).join();
    }

    /** The PTR records of an address, at its {@code in-addr.arpa} or {@code ip6.arpa} name. */
    public DnsAnswer reverse(InetAddress address) {
        return lookup(ReverseMap.fromAddress(address).toString(), Type.PTR);
    }

    /** Looks {@code name} up without blocking; the future never completes exceptionally. */
    public CompletableFuture<DnsAnswer> lookupAsync(String name, int type) {
        Optional<Name> parsed = parse(name);
        if (parsed.isEmpty()) {
            return CompletableFuture.completedFuture(new DnsAnswer(name, type, Status.NXDOMAIN, List.of()));
        }
        Name qname = parsed.get();
        Optional<DnsAnswer> cached = cache.get(qname, type);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        Question question = new Question(qname, type);
        CompletableFuture<DnsAnswer> mine = new CompletableFuture<>();
        CompletableFuture<DnsAnswer> asked = inFlight.putIfAbsent(question, mine);
        if (asked != null) {
            return asked;
        }
        // the answer is cached before the question leaves inFlight, so no lookup falls between the two
        query(qname, type).whenComplete((answer, error) -> {
            inFlight.remove(question, mine);
            mine.complete(error == null ? answer : failure(qname, type, error));
        });
        return mine;
    }

    private CompletableFuture<DnsAnswer> query(Name qname, int type) {
        Timer.Sample sample = Timer.start(meters);
        Message query = Message.newQuery(Record.newRecord(qname, type, DClass.IN));
        return resolver.sendAsync(query).toCompletableFuture()
                .orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> {
                    DnsAnswer answer = error == null ? answer(qname, type, response) : failure(qname, type, error);
                    sample.stop(Timer.builder("yubin.dns.lookups")
                            .description("DNS lookups that went to a server, by type and outcome")
                            .tag("type", Type.string(type))
                            .tag("status", answer.status().name())
                            .register(meters));
                    return answer;
                });
    }

    private DnsAnswer answer(Name qname, int type, Message response) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return negative(qname, type, Status.NXDOMAIN, response);
        }
        if (rcode != Rcode.NOERROR) {
            log.debug("{} {}: {}", Type.string(type), qname, Rcode.string(rcode));
            return new DnsAnswer(qname.toString(), type, Status.SERVFAIL, List.of());
        }
        List<Record> records = response.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
        if (records.isEmpty()) {
            return negative(qname, type, Status.NODATA, response);
        }
        DnsAnswer answer = new DnsAnswer(qname.toString(), type, Status.FOUND, records);
        long ttl = records.stream().mapToLong(Record::getTTL).min().orElse(0);
        cache.put(qname, type, answer, cap(Duration.ofSeconds(ttl), properties.maxTtl()));
        return answer;
    }

    /** Kept for the SOA's minimum (and no longer than the SOA itself); without a SOA, {@code negativeTtlWithoutSoa}. */
    private DnsAnswer negative(Name qname, int type, Status status, Message response) {
        DnsAnswer answer = new DnsAnswer(qname.toString(), type, status, List.of());
        Duration ttl = response.getSection(Section.AUTHORITY).stream()
                .filter(SOARecord.class::isInstance)
                .map(SOARecord.class::cast)
                .findFirst()
                .map(soa -> cap(Duration.ofSeconds(Math.min(soa.getTTL(), soa.getMinimum())), properties.maxNegativeTtl()))
                .orElse(properties.negativeTtlWithoutSoa());
        cache.put(qname, type, answer, ttl);
        return answer;
    }

    private static DnsAnswer failure(Name qname, int type, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean timeout = cause instanceof TimeoutException || cause instanceof InterruptedIOException;
        log.debug("{} {}: {}", Type.string(type), qname, cause.toString());
        return new DnsAnswer(qname.toString(), type, timeout ? Status.TIMEOUT : Status.SERVFAIL, List.of());
    }

    private static Duration cap(Duration ttl, Duration max) {
        return ttl.compareTo(max) > 0 ? max : ttl;
    }

    /** An absolute name; IDNs as A-labels. Empty when the text can be no DNS name at all. */
    private static Optional<Name> parse(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Name.fromString(IDN.toASCII(name.strip()), Name.root));
        } catch (TextParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
