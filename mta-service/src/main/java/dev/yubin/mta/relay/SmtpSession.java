package dev.yubin.mta.relay;

import dev.yubin.core.address.MailAddress;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.Recipient;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One SMTP client session to one address of one host. Call order: {@link #open}, then
 * {@link #send} for each message while {@link #isUsable()}, then {@link #quit()}. Not
 * thread-safe: a session belongs to one relay worker.
 *
 * <p>EHLO with our HELO name; STARTTLS as the destination's {@link TlsPolicy} says (by default
 * when offered, any certificate); PIPELINING (RFC 2920) when
 * offered; SIZE (RFC 1870) declared and respected; BODY=8BITMIME when the message has 8-bit
 * octets and SMTPUTF8 (RFC 6531) when an address needs it.
 */
final class SmtpSession implements Closeable {

    /** The session cannot be opened: the server refused us, or the network did. */
    static final class OpenFailure extends Exception {
        private final RemoteReply reply;
        private final boolean tls;

        OpenFailure(RemoteReply reply, boolean tls) {
            super(reply.toString());
            this.reply = reply;
            this.tls = tls;
        }

        RemoteReply reply() {
            return reply;
        }

        /**
         * The TLS handshake failed where TLS was only opportunistic: the same host may work without
         * STARTTLS. Never true when the domain's policy requires TLS: then there is no clear-text retry.
         */
        boolean tls() {
            return tls;
        }
    }

    /** What the session needs from {@link RelayProperties}. */
    record Settings(String heloName, java.time.Duration connectTimeout, java.time.Duration greetingTimeout,
                    java.time.Duration commandTimeout, java.time.Duration dataTimeout, TlsPolicy tls) {}

    private final SmtpConnection connection;
    private final Settings settings;
    private final String remoteHost;
    private Map<String, String> extensions = Map.of();
    private boolean usable = true;
    private int messages;

    private SmtpSession(SmtpConnection connection, Settings settings, String remoteHost) {
        this.connection = connection;
        this.settings = settings;
        this.remoteHost = remoteHost;
    }

    /**
     * Connects, reads the greeting, says EHLO (HELO if EHLO is refused), then does STARTTLS and
     * EHLO again as the TLS policy of {@code domain} says: {@link TlsPolicy.Mode#MAY} when offered
     * and {@code tryTls} (false: after a failed handshake with this host); ENCRYPT and VERIFY
     * always, whatever {@code tryTls} says, and a server that does not offer STARTTLS, refuses it,
     * or fails the handshake or the verification is a temporary failure (4.7.4 / 4.7.5).
     *
     * @param domain   the destination domain, whose TLS policy applies
     * @param hostName the MX (or smarthost) name: a verified certificate must name it
     */
    static SmtpSession open(String domain, String hostName, InetAddress address, int port, Settings settings,
                            boolean tryTls) throws OpenFailure {
        String remote = hostName + "[" + address.getHostAddress() + "]";
        SmtpConnection connection;
        try {
            connection = SmtpConnection.open(new InetSocketAddress(address, port), settings.connectTimeout());
        } catch (IOException e) {
            throw new OpenFailure(RemoteReply.temporary("4.4.1", "connect to " + remote + ":" + port + ": " + message(e)), false);
        }
        SmtpSession session = new SmtpSession(connection, settings, remote);
        try {
            session.handshake(domain, hostName, tryTls);
            return session;
        } catch (IOException e) {
            connection.close();
            boolean tlsFailure = e instanceof javax.net.ssl.SSLException;
            throw new OpenFailure(RemoteReply.temporary("4.4.2", "lost connection with " + remote + " while "
                    + (tlsFailure ? "doing STARTTLS" : "opening the session") + ": " + message(e)), tlsFailure);
        } catch (OpenFailure e) {
            connection.close();
            throw e;
        }
    }

    private void handshake(String domain, String hostName, boolean tryTls) throws IOException, OpenFailure {
        connection.timeout(settings.greetingTimeout());
        SmtpConnection.Reply greeting = connection.reply();
        if (greeting.code() != 220) {
            quietQuit();
            throw new OpenFailure(refusal("greeting", greeting), false);
        }
        connection.timeout(settings.commandTimeout());
        ehlo();
        TlsPolicy.Mode mode = settings.tls().modeFor(domain);
        if (mode == TlsPolicy.Mode.NONE || (mode == TlsPolicy.Mode.MAY && !tryTls)) {
            return;
        }
        String policy = "TLS policy " + mode.name().toLowerCase(java.util.Locale.ROOT) + " for " + domain;
        if (!extensions.containsKey("STARTTLS")) {
            if (mode.required()) {
                quietQuit();
                throw new OpenFailure(RemoteReply.temporary("4.7.4",
                        remoteHost + " does not offer STARTTLS, which the " + policy + " requires"), false);
            }
            return;
        }
        connection.command("STARTTLS");
        connection.flush();
        SmtpConnection.Reply reply = connection.reply();
        if (reply.code() != 220) {
            if (mode.required()) {
                quietQuit();
                throw new OpenFailure(RemoteReply.temporary("4.7.4", remoteHost + " refused STARTTLS, which the "
                        + policy + " requires: " + reply.toRemoteReply()), false);
            }
            return; // opportunistic: go on in clear text, as before the offer
        }
        try {
            connection.startTls(settings.tls().socketFactory(mode), hostName, mode == TlsPolicy.Mode.VERIFY);
        } catch (javax.net.ssl.SSLException e) {
            if (!mode.required()) {
                throw e; // open() reports it as a TLS failure: the worker may retry this host in clear text
            }
            throw new OpenFailure(RemoteReply.temporary("4.7.5", "TLS with " + remoteHost + " failed, and the "
                    + policy + " allows no clear text: " + message(e)), false);
        }
        connection.timeout(settings.commandTimeout());
        ehlo(); // RFC 3207 §4.2: forget what was said before TLS
    }

    private void ehlo() throws IOException, OpenFailure {
        connection.command("EHLO " + settings.heloName());
        connection.flush();
        SmtpConnection.Reply reply = connection.reply();
        if (reply.code() == 250) {
            Map<String, String> found = new HashMap<>();
            for (String line : reply.lines().subList(1, reply.lines().size())) {
                String[] parts = line.strip().split("\\s+", 2);
                found.put(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            }
            extensions = found;
            return;
        }
        connection.command("HELO " + settings.heloName());
        connection.flush();
        SmtpConnection.Reply helo = connection.reply();
        if (helo.code() != 250) {
            quietQuit();
            throw new OpenFailure(refusal("HELO", helo), false);
        }
        extensions = Map.of();
    }

    /** A refusal before any message: never permanent for the message, since the next MX may take it. */
    private RemoteReply refusal(String stage, SmtpConnection.Reply reply) {
        RemoteReply remote = reply.toRemoteReply();
        return new RemoteReply(remote.isPermanent() ? 451 : remote.code(),
                (remote.isPermanent() ? "4.4.0 " : "") + remoteHost + " refused " + stage + ": " + remote);
    }

    String remoteHost() {
        return remoteHost;
    }

    boolean isUsable() {
        return usable;
    }

    int messages() {
        return messages;
    }

    boolean offers(String extension) {
        return extensions.containsKey(extension);
    }

    /** Sends one message to its recipients and says what became of each. Never throws. */
    List<RecipientResult> send(Envelope envelope, byte[] message) {
        messages++;
        List<Recipient> recipients = envelope.recipients();
        String sizeLimit = extensions.get("SIZE");
        if (sizeLimit != null && !sizeLimit.isBlank()) {
            try {
                long limit = Long.parseLong(sizeLimit.strip());
                if (limit > 0 && message.length > limit) {
                    return all(recipients, RemoteReply.permanent(552, "5.3.4",
                            "message of " + message.length + " octets exceeds the limit of " + remoteHost + " (" + limit + ")"));
                }
            } catch (NumberFormatException ignored) {
                // a SIZE without a usable number announces no limit
            }
        }
        boolean utf8 = needsSmtpUtf8(envelope);
        if (utf8 && !offers("SMTPUTF8")) {
            return all(recipients, RemoteReply.permanent(553, "5.6.7",
                    remoteHost + " does not support SMTPUTF8, which the addresses of this message need"));
        }
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(envelope.sender().address()).append('>');
        if (offers("SIZE")) {
            mail.append(" SIZE=").append(message.length);
        }
        if (offers("8BITMIME") && hasEightBit(message)) {
            mail.append(" BODY=8BITMIME");
        }
        if (utf8) {
            mail.append(" SMTPUTF8");
        }
        List<RecipientResult> results = new ArrayList<>(recipients.size());
        String stage = "MAIL FROM";
        try {
            boolean pipelining = offers("PIPELINING");
            connection.timeout(settings.commandTimeout());
            connection.command(mail.toString());
            if (!pipelining) {
                connection.flush();
                RemoteReply reply = connection.reply().toRemoteReply();
                if (!reply.isPositive()) {
                    return afterRefusal(all(recipients, reply), reply);
                }
            }
            List<RemoteReply> rcptReplies = new ArrayList<>();
            stage = "RCPT TO";
            for (Recipient recipient : recipients) {
                connection.command("RCPT TO:<" + recipient.address() + ">");
                if (!pipelining) {
                    connection.flush();
                    rcptReplies.add(connection.reply().toRemoteReply());
                }
            }
            RemoteReply dataReply;
            if (pipelining) {
                // RFC 2920 §3.1: DATA may end the group; a server with no valid recipient refuses it.
                connection.command("DATA");
                connection.flush();
                RemoteReply mailReply = connection.reply().toRemoteReply();
                for (int i = 0; i < recipients.size(); i++) {
                    rcptReplies.add(connection.reply().toRemoteReply());
                }
                stage = "DATA";
                dataReply = connection.reply().toRemoteReply();
                if (!mailReply.isPositive()) {
                    if (dataReply.code() == 354) {
                        connection.data(new byte[0]); // nothing to send: an empty message the server drops
                        connection.reply();
                    }
                    return afterRefusal(all(recipients, mailReply), mailReply);
                }
            } else {
                if (rcptReplies.stream().noneMatch(RemoteReply::isPositive)) {
                    return afterRefusal(perRecipient(recipients, rcptReplies), null);
                }
                stage = "DATA";
                connection.command("DATA");
                connection.flush();
                dataReply = connection.reply().toRemoteReply();
            }
            List<Recipient> accepted = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                if (rcptReplies.get(i).isPositive()) {
                    accepted.add(recipients.get(i));
                } else {
                    results.add(RecipientResult.of(recipients.get(i), rcptReplies.get(i), remoteHost));
                }
            }
            if (accepted.isEmpty()) {
                if (dataReply.code() == 354) {
                    connection.data(new byte[0]);
                    connection.reply();
                }
                return afterRefusal(results, null);
            }
            if (dataReply.code() != 354) {
                results.addAll(all(accepted, dataReply));
                return afterRefusal(results, dataReply);
            }
            stage = "end of data";
            connection.timeout(settings.dataTimeout());
            connection.data(message);
            RemoteReply finalReply = connection.reply().toRemoteReply();
            results.addAll(all(accepted, finalReply));
            if (finalReply.code() == 421) {
                usable = false;
            }
            return results;
        } catch (IOException e) {
            usable = false;
            connection.close();
            RemoteReply lost = RemoteReply.temporary("4.4.2",
                    "lost connection with " + remoteHost + " while sending " + stage + ": " + message(e));
            List<Recipient> open = new ArrayList<>(recipients);
            results.forEach(r -> open.remove(r.recipient()));
            results.addAll(all(open, lost));
            return results;
        }
    }

    /** After a failed transaction: RSET, so the session can carry the next message; 421 ends it. */
    private List<RecipientResult> afterRefusal(List<RecipientResult> results, RemoteReply reply) {
        if (reply != null && reply.code() == 421) {
            usable = false;
            return results;
        }
        try {
            connection.command("RSET");
            connection.flush();
            usable = connection.reply().isPositive();
        } catch (IOException e) {
            usable = false; // the refusals stand; only the session is lost
        }
        if (!usable) {
            connection.close();
        }
        return results;
    }

    private List<RecipientResult> all(List<Recipient> recipients, RemoteReply reply) {
        List<RecipientResult> results = new ArrayList<>(recipients.size());
        for (Recipient recipient : recipients) {
            results.add(RecipientResult.of(recipient, reply, remoteHost));
        }
        return results;
    }

    private List<RecipientResult> perRecipient(List<Recipient> recipients, List<RemoteReply> replies) {
        List<RecipientResult> results = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            results.add(RecipientResult.of(recipients.get(i), replies.get(i), remoteHost));
        }
        return results;
    }

    /** Ends the session politely; a server that does not answer QUIT is left anyway. */
    void quit() {
        if (usable) {
            quietQuit();
        }
        connection.close();
    }

    private void quietQuit() {
        try {
            connection.timeout(java.time.Duration.ofSeconds(10));
            connection.command("QUIT");
            connection.flush();
            connection.reply();
        } catch (IOException ignored) {
            // the session is over either way
        }
    }

    @Override
    public void close() {
        usable = false;
        connection.close();
    }

    static boolean needsSmtpUtf8(Envelope envelope) {
        if (!isAscii(envelope.sender().address())) {
            return true;
        }
        for (Recipient recipient : envelope.recipients()) {
            MailAddress address = recipient.address();
            if (!isAscii(address.localPart()) || !isAscii(address.domain())) {
                return true;
            }
        }
        return false;
    }

    static boolean hasEightBit(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String s) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(s);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
