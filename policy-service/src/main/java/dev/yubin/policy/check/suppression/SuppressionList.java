package dev.yubin.policy.check.suppression;

import dev.yubin.core.address.MailAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Recipients that hard-bounced ({@code suppression}). Read from the database on every question,
 * not cached: an entry removed by an operator must count at once, on every replica, and only
 * authenticated submissions ask.
 */
@Component
public class SuppressionList {

    /** One entry as the API shows it; {@code updatedAt} is the last bounce that added it. */
    public record Entry(String address, String reason, Instant createdAt, Instant updatedAt) {}

    /** An added entry, and whether it is new (a repeated bounce only refreshes the reason). */
    record Added(Entry entry, boolean created) {}

    private static final String COLUMNS = "address, reason, created_at, updated_at";
    private static final RowMapper<Entry> ENTRY = (rs, row) -> new Entry(rs.getString(1), rs.getString(2),
            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;
    private final Clock clock;

    SuppressionList(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The entry of {@code address}, compared case-insensitively. */
    public Optional<Entry> find(MailAddress address) {
        return jdbc.sql("select " + COLUMNS + " from suppression where address_key = :key")
                .param("key", address.key())
                .query(ENTRY)
                .optional();
    }

    List<Entry> entries() {
        return jdbc.sql("select " + COLUMNS + " from suppression order by address_key").query(ENTRY).list();
    }

    Added add(MailAddress address, String reason) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        // xmax = 0 only for a row this statement inserted: tells a new entry from a refreshed one.
        return jdbc.sql("""
                        insert into suppression (address_key, address, reason, created_at, updated_at)
                        values (:key, :address, :reason, :now, :now)
                        on conflict (address_key) do update
                            set address = excluded.address, reason = excluded.reason, updated_at = excluded.updated_at
                        returning address, reason, created_at, updated_at, (xmax = 0) as created
                        """)
                .param("key", address.key())
                .param("address", address.toString())
                .param("reason", reason)
                .param("now", now)
                .query((rs, row) -> new Added(ENTRY.mapRow(rs, row), rs.getBoolean(5)))
                .single();
    }

    boolean remove(MailAddress address) {
        return jdbc.sql("delete from suppression where address_key = :key").param("key", address.key()).update() > 0;
    }
}
