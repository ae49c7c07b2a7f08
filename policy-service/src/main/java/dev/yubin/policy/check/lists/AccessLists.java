package dev.yubin.policy.check.lists;

import dev.yubin.policy.web.ConflictException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The allow and block lists ({@code access_list}), read on every connection so that a change
 * holds at once on every replica. When several entries match a client, the most specific
 * decides: the longest network, then the longest domain (an address entry before a domain
 * entry); between an allow and a block entry of the same reach, block.
 */
@Component
class AccessLists {

    /** One entry as the API shows it. */
    record Entry(String value, String comment, Instant createdAt) {}

    /** The entry that decides for a client. */
    record Match(ListKind kind, String value, String comment) {}

    private record Hit(ListKind kind, String value, String comment, int networkBits, int domainLength) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessLists(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Entry> entries(ListKind kind) {
        return jdbc.sql("select value, comment, created_at from access_list where kind = :kind order by value")
                .param("kind", kind.column())
                .query((rs, row) -> new Entry(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    Entry add(ListKind kind, ListValue value, String comment) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            jdbc.sql("""
                    insert into access_list (kind, value, network, domain, comment, created_at)
                    values (:kind, :value, cast(:network as cidr), :domain, :comment, :now)
                    """)
                    .param("kind", kind.column())
                    .param("value", value.text())
                    .param("network", value.network().map(Object::toString).orElse(null))
                    .param("domain", value.domain().orElse(null))
                    .param("comment", comment)
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(value.text() + " is already on the " + kind.column() + " list");
        }
        return new Entry(value.text(), comment, now);
    }

    boolean remove(ListKind kind, ListValue value) {
        return jdbc.sql("delete from access_list where kind = :kind and value = :value")
                .param("kind", kind.column())
                .param("value", value.text())
                .update() > 0;
    }

    /** Whether any domain entry exists: only then is the client's name worth looking up. */
    boolean hasDomainEntries() {
        return jdbc.sql("select exists (select 1 from access_list where domain is not null)")
                .query(Boolean.class).single();
    }

    /**
     * The entry that decides for a client at {@code address} whose forward-confirmed names are
     * {@code hostNames} (each matches a domain entry for itself or any domain above it).
     */
    Optional<Match> match(InetAddress address, Collection<String> hostNames) {
        List<String> domains = hostNames.stream().flatMap(name -> parents(name).stream()).distinct().toList();
        String sql = """
                select kind, value, comment, coalesce(masklen(network), -1), coalesce(length(domain), -1)
                from access_list where network >>= cast(:address as inet)
                """ + (domains.isEmpty() ? "" : " or domain in (:domains)");
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("address", address.getHostAddress());
        if (!domains.isEmpty()) {
            statement = statement.param("domains", domains);
        }
        return statement
                .query((rs, row) -> new Hit(ListKind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                        rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5)))
                .list().stream()
                .min(Comparator.<Hit>comparingInt(Hit::networkBits).reversed()
                        .thenComparing(Comparator.<Hit>comparingInt(Hit::domainLength).reversed())
                        .thenComparing(hit -> hit.kind() == ListKind.BLOCK ? 0 : 1))
                .map(hit -> new Match(hit.kind(), hit.value(), hit.comment()));
    }

    /** {@code a.b.example.org} → itself, {@code b.example.org}, {@code example.org} (not the bare TLD). */
    static List<String> parents(String name) {
        List<String> parents = new ArrayList<>();
        String current = name.toLowerCase(Locale.ROOT);
        while (current.contains(".")) {
            parents.add(current);
            current = current.substring(current.indexOf('.') + 1);
        }
        return parents;
    }
}
