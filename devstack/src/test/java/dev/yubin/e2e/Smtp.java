package dev.yubin.e2e;

import dev.yubin.core.fixtures.SmtpConversation;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sends whole messages to the MTA the way an ordinary client does. */
final class Smtp {

    private static final Pattern QUEUED = Pattern.compile("250 2\\.0\\.0 Ok: queued as ([0-9A-Z]{20})");

    private Smtp() {}

    static SmtpConversation greet(int port) throws IOException {
        return SmtpConversation.connect("127.0.0.1", port).expect("220").send("EHLO client.remote.example").expect("250");
    }

    /** Sends one message and returns its queue id; fails the test unless every step says yes. */
    static String send(int port, String from, String body, String... recipients) throws IOException {
        try (SmtpConversation smtp = greet(port)) {
            smtp.send("MAIL FROM:<" + from + ">").expect("250");
            for (String recipient : recipients) {
                smtp.send("RCPT TO:<" + recipient + ">").expect("250");
            }
            smtp.send("DATA").expect("354").sendRaw(body + ".\r\n").expect("250 2.0.0");
            String queueId = queueIdOf(smtp.lastReply().get(0));
            smtp.send("QUIT").expect("221");
            return queueId;
        }
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
