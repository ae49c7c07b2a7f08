package dev.yubin.e2e;

import dev.yubin.core.fixtures.SmtpConversation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Talks to the MTA the way an ordinary client does, and to the MSA the way a mail program does. */
final class Smtp {

    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9A-Z]{20})");

    private Smtp() {}

    static SmtpConversation greet(int port) throws IOException {
        return SmtpConversation.connect("127.0.0.1", port).expect("220").send("EHLO client.remote.example").expect("250");
    }

    /** Sends one message and returns its queue id; fails the test unless every step says yes. */
    static String send(int port, String from, String body, String... recipients) throws IOException {
        try (SmtpConversation smtp = greet(port)) {
            String queueId = transaction(smtp, from, body, recipients);
            smtp.send("QUIT").expect("221");
            return queueId;
        }
    }

    /** MAIL, RCPT and DATA on an open session; returns the queue id of the 250 after DATA. */
    static String transaction(SmtpConversation smtp, String from, String body, String... recipients) throws IOException {
        smtp.send("MAIL FROM:<" + from + ">").expect("250");
        for (String recipient : recipients) {
            smtp.send("RCPT TO:<" + recipient + ">").expect("250");
        }
        smtp.send("DATA").expect("354").sendRaw(body + ".\r\n").expect("250 2.0.0");
        return queueIdOf(smtp.lastReply().get(0));
    }

    /**
     * Port 587: greeting, EHLO, STARTTLS, and EHLO again over TLS, as RFC 3207 wants (what the
     * server said before TLS no longer counts). The last reply is the EHLO over TLS.
     */
    static SmtpConversation submission(int port) throws IOException {
        return SmtpConversation.connect("127.0.0.1", port).expect("220")
                .send("EHLO laptop.example.org").expect("250")
                .send("STARTTLS").expect("220")
                .startTls()
                .send("EHLO laptop.example.org").expect("250");
    }

    /**
     * Port 465 (RFC 8314): the TLS handshake comes first, before the greeting, so the plain
     * socket is upgraded at once; then greeting and EHLO. The last reply is the EHLO.
     */
    static SmtpConversation submissions(int port) throws IOException {
        return SmtpConversation.connect("127.0.0.1", port).startTls()
                .expect("220")
                .send("EHLO laptop.example.org").expect("250");
    }

    /** {@code AUTH PLAIN} with the initial response of RFC 4616: no authorization identity. */
    static String authPlain(String user, String password) {
        return "AUTH PLAIN " + base64("\0" + user + "\0" + password);
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String queueIdOf(String reply) {
        Matcher matcher = QUEUED.matcher(reply);
        if (!matcher.find()) {
            throw new AssertionError("no queue id in " + reply);
        }
        return matcher.group(1);
    }

    static String message(String subject, String to) {
        return "From: Someone <someone@remote.example>\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + subject.hashCode() + "." + System.nanoTime() + "@remote.example>\r\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
                + "\r\n"
                + "Hello,\r\n"
                + "..a line that starts with a dot\r\n"
                + "caf\u00e9 8-bit text\r\n";
    }
}
