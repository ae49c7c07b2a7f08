package dev.yubin.mda.mailbox;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Recipient;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Final delivery: puts accepted messages into the mailboxes of their envelopes, a whole batch
 * in one transaction. Plain JDBC, not JPA: per message this is a few rows, and a transaction
 * per message (with Hibernate's statement per row) was what PostgreSQL spent its time on.
 */
@Service
public class MailboxStore {

    /**
     * Claims the (message, mailbox) pairs of a whole batch in one statement. {@code delivery} is
     * the idempotency record (V1): a pair that is there already (an earlier delivery, also one
     * whose copy was deleted since) is not returned, and gets no copy. A concurrent claim of the
     * same pair waits for the other transaction, then is not returned if that one committed.
     */
    private static final String CLAIM = """
            insert into delivery (queue_id, mailbox, delivered_at)
            select claim.queue_id, claim.mailbox, ?::timestamptz
            from unnest(?::varchar[], ?::varchar[]) as claim(queue_id, mailbox)
            on conflict (queue_id, mailbox) do nothing
            returning queue_id, mailbox""";

    /** The body once per queue id, unless a copy for another mailbox stored it before. */
    private static final String INSERT_BODY = """
            insert into message_body (queue_id, content, size_octets, stored_at)
            values (?, ?, ?, ?)
            on conflict (queue_id) do nothing""";

    private static final String INSERT_ENTRY = """
            insert into mailbox_entry (mailbox, folder, queue_id, delivery_headers, size_octets, flags, received_at,
                                       return_path, delivered_to, from_header, subject, date_header, message_id)
            values (?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final Clock clock;

    MailboxStore(DataSource dataSource) {
        this.jdbcTemplate = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.clock = Clock.systemUTC();
    }

    /**
     * Stores each message once and one entry per distinct recipient mailbox, the whole batch in
     * one transaction. Idempotent per (queue id, mailbox): a message delivered before, also in
     * the same batch (a record read twice) or after its copy was deleted, stores nothing again.
     * Returns when the transaction has committed; nothing is stored when it throws.
     *
     * @return what happened to each message, in the order given
     */
    @Transactional
    public List<DeliveryOutcome> deliver(List<InboundMessage> messages) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);

        // Which message asks first for each pair: a later one in the batch is a replay.
        Map<Claim, Integer> firstAsker = new HashMap<>();
        List<Map<String, MailAddress>> mailboxesOf = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Map<String, MailAddress> mailboxes = distinctMailboxes(messages.get(i));
            mailboxesOf.add(mailboxes);
            for (String key : mailboxes.keySet()) {
                firstAsker.putIfAbsent(new Claim(messages.get(i).queueId(), key), i);
            }
        }
        if (firstAsker.isEmpty()) {
            return messages.stream().map(m -> new DeliveryOutcome(List.of(), List.of())).toList();
        }
        Set<Claim> won = claim(new TreeSet<>(firstAsker.keySet()), now);

        List<DeliveryOutcome> outcomes = new ArrayList<>(messages.size());
        List<Copy> copies = new ArrayList<>();
        Map<String, InboundMessage> bodies = new TreeMap<>();
        for (int i = 0; i < messages.size(); i++) {
            InboundMessage message = messages.get(i);
            List<String> stored = new ArrayList<>();
            List<String> duplicate = new ArrayList<>();
            HeaderSummary summary = null;
            for (Map.Entry<String, MailAddress> mailbox : mailboxesOf.get(i).entrySet()) {
                Claim claim = new Claim(message.queueId(), mailbox.getKey());
                if (won.contains(claim) && firstAsker.get(claim) == i) {
                    if (summary == null) {
                        summary = HeaderSummaryParser.parse(message.content());
                    }
                    copies.add(new Copy(message, mailbox.getValue(), summary));
                    bodies.putIfAbsent(message.queueId(), message);
                    stored.add(mailbox.getKey());
                } else {
                    duplicate.add(mailbox.getKey());
                }
            }
            outcomes.add(new DeliveryOutcome(stored, duplicate));
        }
        insertBodies(bodies.values(), now);
        insertEntries(copies, now);
        return outcomes;
    }

    /**
     * The pairs this transaction claimed. They are sent sorted, so that two transactions that
     * claim overlapping pairs (two consumers during a rebalance) lock them in the same order and
     * cannot deadlock.
     */
    private Set<Claim> claim(TreeSet<Claim> claims, OffsetDateTime now) {
        String[] queueIds = new String[claims.size()];
        String[] mailboxes = new String[claims.size()];
        int i = 0;
        for (Claim claim : claims) {
            queueIds[i] = claim.queueId();
            mailboxes[i] = claim.mailbox();
            i++;
        }
        return new HashSet<>(jdbc.sql(CLAIM)
                .params(now, queueIds, mailboxes)
                .query((rs, row) -> new Claim(rs.getString("queue_id"), rs.getString("mailbox")))
                .list());
    }

    /** Sorted by queue id (a {@link TreeMap}'s values) for the same lock order as the claims. */
    private void insertBodies(Collection<InboundMessage> bodies, OffsetDateTime now) {
        if (bodies.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(INSERT_BODY, bodies, bodies.size(), (ps, message) -> {
            ps.setString(1, message.queueId());
            ps.setBytes(2, message.content());
            ps.setLong(3, message.content().length);
            ps.setObject(4, now);
        });
    }

    private void insertEntries(List<Copy> copies, OffsetDateTime now) {
        if (copies.isEmpty()) {
            return;
        }
        jdbcTemplate.batchUpdate(INSERT_ENTRY, copies, copies.size(), (ps, copy) -> copy.bind(ps, now));
    }

    /** A mailbox reached twice (directly and through an alias) gets one copy. */
    private static Map<String, MailAddress> distinctMailboxes(InboundMessage message) {
        Map<String, MailAddress> byKey = new LinkedHashMap<>();
        for (Recipient recipient : message.envelope().recipients()) {
            byKey.putIfAbsent(recipient.address().key(), recipient.address());
        }
        return byKey;
    }

    /** One (queue id, mailbox key) pair of the {@code delivery} table, ordered as its primary key. */
    private record Claim(String queueId, String mailbox) implements Comparable<Claim> {

        @Override
        public int compareTo(Claim other) {
            int byQueueId = queueId.compareTo(other.queueId);
            return byQueueId != 0 ? byQueueId : mailbox.compareTo(other.mailbox);
        }
    }

    /** One new mailbox entry: the copy's own Return-Path and Delivered-To lines before the shared body. */
    private record Copy(InboundMessage message, MailAddress mailbox, HeaderSummary summary) {

        void bind(PreparedStatement ps, OffsetDateTime now) throws SQLException {
            byte[] content = message.content();
            byte[] headers = DeliveryHeaders.of(message.envelope().sender(), mailbox, content);
            ps.setString(1, mailbox.key());
            ps.setString(2, message.folder());
            ps.setString(3, message.queueId());
            ps.setBytes(4, headers);
            ps.setLong(5, (long) headers.length + content.length);
            ps.setObject(6, now);
            ps.setString(7, message.envelope().sender().toString());
            ps.setString(8, mailbox.toString());
            ps.setString(9, summary.from());
            ps.setString(10, summary.subject());
            ps.setString(11, summary.date());
            ps.setString(12, summary.messageId());
        }
    }
}
