package dev.yubin.mda.trace;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The trace tables of V2: the events as received, and each relayed recipient's standing. */
@Repository
class TraceStore {

    /**
     * The events of a batch in one statement, in the order given (the ids, which order events of
     * the same time, follow it). Times travel as ISO-8601 text: {@link Instant#toString()}.
     */
    private static final String INSERT_EVENTS = """
            insert into trace_event (queue_id, type, recipient, event_time, event, source)
            select e.queue_id, e.type, e.recipient, e.event_time, e.event, e.source
            from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[], ?::text[], ?::varchar[])
                 as e(queue_id, type, recipient, event_time, event, source)
            on conflict (source) do nothing
            returning source""";

    private static final String UPSERT_RECIPIENT = """
            insert into trace_recipient (queue_id, recipient, destination, received_at, state, in_flight,
                                         last_error, last_error_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (queue_id, recipient) do update set
                state = excluded.state,
                in_flight = excluded.in_flight,
                last_error = coalesce(excluded.last_error, trace_recipient.last_error),
                last_error_at = coalesce(excluded.last_error_at, trace_recipient.last_error_at),
                updated_at = excluded.updated_at
            where trace_recipient.updated_at <= excluded.updated_at""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    TraceStore(DataSource dataSource) {
        this.jdbcTemplate = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(jdbcTemplate);
    }

    /** An event and the Kafka record it came from ({@code topic-partition@offset}), which makes it unique. */
    record Sourced(TraceEvent event, String source) {}

    /**
     * Stores a batch of events in one transaction: each once per Kafka record (a replayed record
     * stores nothing), and the relay steps folded into their recipients' standing, in the order
     * given. The standing only moves forward in time, so a late or replayed event cannot undo a
     * later one.
     *
     * @return how many events were new
     */
    @Transactional
    public int record(List<Sourced> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Set<String> inserted = insertEvents(events);
        List<TraceEvent> steps = events.stream()
                .filter(e -> inserted.contains(e.source()) && e.event().isRelayStep())
                .map(Sourced::event)
                .toList();
        if (!steps.isEmpty()) {
            // One statement per step, in order, in one JDBC batch: two steps of the same recipient
            // in one batch must apply one after the other, which a single multi-row upsert cannot.
            jdbcTemplate.batchUpdate(UPSERT_RECIPIENT, steps, steps.size(), (ps, event) -> {
                ps.setString(1, event.queueId());
                ps.setString(2, event.recipient());
                ps.setString(3, event.destination());
                ps.setObject(4, utc(event.receivedAt()));
                ps.setString(5, event.type());
                ps.setBoolean(6, event.inFlight());
                ps.setString(7, event.isError() ? event.reply() : null);
                ps.setObject(8, event.isError() ? utc(event.time()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setObject(9, utc(event.time()));
            });
        }
        return inserted.size();
    }

    /** All events in one statement; returns the sources of those not stored before. */
    private Set<String> insertEvents(List<Sourced> events) {
        int n = events.size();
        String[] queueIds = new String[n];
        String[] types = new String[n];
        String[] recipients = new String[n];
        String[] times = new String[n];
        String[] json = new String[n];
        String[] sources = new String[n];
        for (int i = 0; i < n; i++) {
            TraceEvent event = events.get(i).event();
            queueIds[i] = event.queueId();
            types[i] = event.type();
            recipients[i] = event.recipient();
            times[i] = event.time().toString();
            json[i] = event.json().toString();
            sources[i] = events.get(i).source();
        }
        return new HashSet<>(jdbc.sql(INSERT_EVENTS)
                .params(queueIds, types, recipients, times, json, sources)
                .query(String.class)
                .list());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The events of one message as they were received, in the order they happened. */
    @Transactional(readOnly = true)
    public List<String> events(String queueId) {
        return jdbc.sql("select event from trace_event where queue_id = ? order by event_time, id")
                .param(queueId)
                .query(String.class)
                .list();
    }

    /** Relayed recipients not yet delivered or bounced, by destination, largest first. */
    @Transactional(readOnly = true)
    public List<QueueEntry> queue() {
        return jdbc.sql("""
                        select destination, count(distinct queue_id) as messages, count(*) as recipients,
                               min(received_at) as oldest,
                               (array_agg(last_error order by last_error_at desc nulls last))[1] as last_error,
                               max(last_error_at) as last_error_at
                        from trace_recipient where in_flight
                        group by destination
                        order by count(*) desc, destination""")
                .query((rs, row) -> new QueueEntry(rs.getString("destination"), rs.getLong("messages"),
                        rs.getLong("recipients"), rs.getTimestamp("oldest").toInstant(), rs.getString("last_error"),
                        rs.getTimestamp("last_error_at") == null ? null : rs.getTimestamp("last_error_at").toInstant()))
                .list();
    }
}
