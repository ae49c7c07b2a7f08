package dev.yubin.mta.relay.dsn;

import dev.yubin.core.envelope.QueueId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes an RFC 3464 delivery status notification: {@code multipart/report;
 * report-type=delivery-status} with a human-readable part, a {@code message/delivery-status}
 * part (Reporting-MTA, Arrival-Date; per recipient Final-Recipient, Action, Status, Remote-MTA,
 * Diagnostic-Code, Last-Attempt-Date) and the original header section as
 * {@code text/rfc822-headers} (RFC 6522). Lines end in CRLF.
 */
public final class DsnBuilder {

    static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final String reportingMta;
    private final ZoneId zone;

    /** @param reportingMta our host name, as in the EHLO we send */
    public DsnBuilder(String reportingMta, ZoneId zone) {
        this.reportingMta = reportingMta;
        this.zone = zone;
    }

    public byte[] build(QueueId dsnQueueId, DeliveryReport report, Instant now) {
        String boundary = dsnQueueId.value() + "/" + reportingMta;
        String to = report.original().sender().address();
        boolean delayed = report.delayed();
        StringBuilder head = new StringBuilder()
                .append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingMta).append(">\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Subject: ").append(delayed ? "Delayed Mail (still being retried)" : "Undelivered Mail Returned to Sender").append("\r\n")
                .append("Date: ").append(date(now)).append("\r\n")
                .append("Message-ID: <").append(dsnQueueId.value()).append('@').append(reportingMta).append(">\r\n")
                // RFC 3834: no vacation reply or other auto-reply to this one
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"").append(boundary).append("\"\r\n")
                .append("\r\n")
                .append("This is a MIME-encapsulated message.\r\n\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(humanPart(report, delayed))
                .append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: message/delivery-status\r\n\r\n")
                .append(statusPart(report))
                .append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: text/rfc822-headers\r\n");
        byte[] originalHeaders = headerSection(report.originalBytes());
        if (hasEightBit(originalHeaders)) {
            head.append("Content-Transfer-Encoding: 8bit\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + originalHeaders.length + 128);
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(originalHeaders);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private String humanPart(DeliveryReport report, boolean delayed) {
        StringBuilder text = new StringBuilder()
                .append("This is the mail system at host ").append(reportingMta).append(".\r\n\r\n");
        if (delayed) {
            text.append("Your message (queue id ").append(report.original().queueId().value())
                    .append(") could not be delivered yet to the recipients below.\r\n")
                    .append("It is still being retried");
            if (report.willRetryUntil() != null) {
                text.append(" until ").append(date(report.willRetryUntil()));
            }
            text.append("; you do not need to send it again.\r\n\r\n");
        } else {
            text.append("Your message (queue id ").append(report.original().queueId().value())
                    .append(") could not be delivered to the recipients below.\r\n")
                    .append("This is a permanent error; the reasons are given by the receiving servers.\r\n\r\n");
        }
        for (DsnRecipient r : report.recipients()) {
            text.append("<").append(r.recipient().address()).append(">");
            if (!r.remoteMta().isEmpty()) {
                text.append(": host ").append(r.remoteMta()).append(" said:");
            } else {
                text.append(":");
            }
            text.append("\r\n    ").append(r.diagnostic()).append("\r\n");
        }
        return text.toString();
    }

    private String statusPart(DeliveryReport report) {
        StringBuilder fields = new StringBuilder()
                .append("Reporting-MTA: dns; ").append(reportingMta).append("\r\n")
                .append("X-Yubin-Queue-ID: ").append(report.original().queueId().value()).append("\r\n")
                .append("Arrival-Date: ").append(date(report.original().receivedAt())).append("\r\n");
        for (DsnRecipient r : report.recipients()) {
            fields.append("\r\n");
            if (r.recipient().isExpanded()) {
                fields.append("Original-Recipient: rfc822; ").append(r.recipient().original()).append("\r\n");
            }
            fields.append("Final-Recipient: rfc822; ").append(r.recipient().address()).append("\r\n")
                    .append("Action: ").append(r.action().field()).append("\r\n")
                    .append("Status: ").append(r.status()).append("\r\n");
            if (!r.remoteMta().isEmpty()) {
                fields.append("Remote-MTA: dns; ").append(hostName(r.remoteMta())).append("\r\n");
            }
            fields.append("Diagnostic-Code: smtp; ").append(r.diagnostic()).append("\r\n")
                    .append("Last-Attempt-Date: ").append(date(r.lastAttempt())).append("\r\n");
            if (r.action() == DsnRecipient.Action.DELAYED && report.willRetryUntil() != null) {
                fields.append("Will-Retry-Until: ").append(date(report.willRetryUntil())).append("\r\n");
            }
        }
        return fields.toString();
    }

    /** The header section up to (without) the empty line; the whole message when it has no body. */
    static byte[] headerSection(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return java.util.Arrays.copyOf(message, i + 2);
            }
        }
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\n' && message[i + 1] == '\n') {
                return java.util.Arrays.copyOf(message, i + 1);
            }
        }
        return message;
    }

    /** {@code mx.example.org[192.0.2.25]} → {@code mx.example.org}: Remote-MTA takes a name. */
    private static String hostName(String remoteHost) {
        int bracket = remoteHost.indexOf('[');
        return bracket > 0 ? remoteHost.substring(0, bracket) : remoteHost;
    }

    private static boolean hasEightBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private String date(Instant instant) {
        return RFC5322.format(instant.atZone(zone));
    }
}
