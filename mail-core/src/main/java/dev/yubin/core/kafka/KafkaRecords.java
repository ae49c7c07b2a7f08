package dev.yubin.core.kafka;

import static dev.yubin.core.kafka.EnvelopeHeaders.*;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.CheckResult;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.envelope.Recipient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Maps a message to a Kafka record and back: the raw RFC 5322 bytes are the value, the
 * envelope travels in the record headers (CONTRACT §4), so the two are never split.
 *
 * <p>Readers ignore headers they do not know, so a newer writer can add some.
 */
public final class KafkaRecords {

    private static final String ORCPT = " ORCPT=rfc822;";

    private KafkaRecords() {}

    /** A record for {@link Topics#INBOUND}, keyed by queue id. */
    public static ProducerRecord<String, byte[]> inbound(Envelope envelope, byte[] message) {
        return record(Topics.INBOUND, envelope.queueId().value(), envelope, message);
    }

    /** A record for {@link Topics#OUTBOUND}, keyed by the recipient domain. */
    public static ProducerRecord<String, byte[]> outbound(String domain, Envelope envelope, byte[] message) {
        return record(Topics.OUTBOUND, domain, envelope, message);
    }

    public static ProducerRecord<String, byte[]> record(String topic, String key, Envelope envelope, byte[] message) {
        return new ProducerRecord<>(topic, null, key, message, toHeaders(envelope));
    }

    public static Headers toHeaders(Envelope envelope) {
        Headers headers = new RecordHeaders();
        put(headers, VERSION, CURRENT_VERSION);
        put(headers, QUEUE_ID, envelope.queueId().value());
        put(headers, MAIL_FROM, envelope.sender().address());
        for (Recipient recipient : envelope.recipients()) {
            String value = recipient.address().toString();
            if (recipient.isExpanded()) {
                value += ORCPT + recipient.original();
            }
            put(headers, RCPT_TO, value);
        }
        put(headers, CLIENT_ADDRESS, envelope.clientAddress());
        put(headers, CLIENT_NAME, envelope.clientName());
        put(headers, HELO, envelope.helo());
        envelope.authenticatedUser().ifPresent(user -> put(headers, AUTH_USER, user));
        put(headers, RECEIVED_AT, envelope.receivedAt().toString());
        for (CheckResult check : envelope.checks()) {
            String value = check.name() + "=" + check.result();
            if (!check.detail().isEmpty()) {
                value += "; " + check.detail();
            }
            put(headers, CHECK, value);
        }
        return headers;
    }

    /**
     * Reads the envelope back.
     *
     * @throws MalformedRecordException when a required header is missing or unreadable
     */
    public static Envelope toEnvelope(Headers headers) {
        try {
            String version = last(headers, VERSION);
            if (version == null) {
                throw new MalformedRecordException("no " + VERSION + " header");
            }
            List<Recipient> recipients = new ArrayList<>();
            for (Header header : headers.headers(RCPT_TO)) {
                recipients.add(parseRecipient(text(header)));
            }
            List<CheckResult> checks = new ArrayList<>();
            for (Header header : headers.headers(CHECK)) {
                checks.add(parseCheck(text(header)));
            }
            return new Envelope(
                    new QueueId(required(headers, QUEUE_ID)),
                    ReversePath.parse(required(headers, MAIL_FROM)),
                    recipients,
                    last(headers, CLIENT_ADDRESS),
                    last(headers, CLIENT_NAME),
                    last(headers, HELO),
                    Optional.ofNullable(last(headers, AUTH_USER)),
                    Instant.parse(required(headers, RECEIVED_AT)),
                    checks);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new MalformedRecordException("unreadable envelope: " + e.getMessage());
        }
    }

    /**
     * Marks a record to be filed in {@code folder} instead of the INBOX ({@link EnvelopeHeaders#FOLDER}).
     * Not part of {@link Envelope}: it is the receiving MTA's instruction to the MDA, meaningless to
     * a relay.
     */
    public static void fileIn(Headers headers, String folder) {
        headers.remove(FOLDER);
        put(headers, FOLDER, folder);
    }

    /** The folder a record is to be filed in; empty for the INBOX. */
    public static Optional<String> folder(Headers headers) {
        String folder = last(headers, FOLDER);
        return folder == null || folder.isBlank() ? Optional.empty() : Optional.of(folder.strip());
    }

    private static Recipient parseRecipient(String value) {
        int orcpt = value.indexOf(ORCPT);
        if (orcpt < 0) {
            return Recipient.of(MailAddress.parse(value));
        }
        return new Recipient(MailAddress.parse(value.substring(0, orcpt)),
                MailAddress.parse(value.substring(orcpt + ORCPT.length())));
    }

    private static CheckResult parseCheck(String value) {
        int equals = value.indexOf('=');
        int semicolon = value.indexOf("; ");
        if (equals <= 0) {
            throw new MalformedRecordException("unreadable check header: " + value);
        }
        String result = semicolon < 0 ? value.substring(equals + 1) : value.substring(equals + 1, semicolon);
        String detail = semicolon < 0 ? "" : value.substring(semicolon + 2);
        return new CheckResult(value.substring(0, equals), result, detail);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = last(headers, name);
        if (value == null) {
            throw new MalformedRecordException("no " + name + " header");
        }
        return value;
    }

    private static String last(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : text(header);
    }

    private static String text(Header header) {
        return header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
