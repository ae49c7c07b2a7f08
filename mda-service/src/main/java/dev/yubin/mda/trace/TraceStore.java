package dev.yubin.mda.trace;

import java.sql.Timestamp;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The trace tables of V2: the events as received, and each relayed recipient's standing. */
@Repository
class TraceStore {

    private final JdbcClient jdbc;

    TraceStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    /**
     * Stores the event once per Kafka record and folds it into its recipient's standing; the
     * standing only moves forward in time, so a late or replayed event cannot undo a later one.
     *
     * @return false when the record was stored before (a replay)
     */
    @Transactional
    public boolean record(TraceEvent event, String source) {
        int inserted = jdbc.sql("""
                        insert into trace_event (queue_id, type, recipient, event_time, event, source)
                        values (?, ?, ?, ?, ?, ?) on conflict (source) do nothing""")
                .params(event.queueId(), event.type(), event.recipient(), Timestamp.from(event.time()),
                        event.json().toString(), source)
                .update();
        if (inserted == 0) {
            return false;
        }
        if (event.isRelayStep()) {
            Timestamp errorAt = event.isError() ? Timestamp.from(event.time()) : null;
            jdbc.sql("""
                            insert into trace_recipient (queue_id, recipient, destination, received_at, state, in_flight,
                                                         last_error, last_error_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (queue_id, recipient) do update set
                                state = excluded.state,
                                in_flight = excluded.in_flight,
                                last_error = coalesce(excluded.last_error, trace_recipient.last_error),
                                last_error_at = coalesce(excluded.last_error_at, trace_recipient.last_error_at),
                                updated_at = excluded.updated_at
                            where trace_recipient.updated_at <= excluded.updated_at""")
                    .params(event.queueId(), event.recipient(), event.destination(), Timestamp.from(event.receivedAt()),
                            event.type(), event.inFlight(), event.isError() ? event.reply() : null, errorAt,
                            Timestamp.from(event.time()))
                    .update();
        }
        return true;
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
