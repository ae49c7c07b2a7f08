package dev.yubin.mta.smtp;

import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.inbound.Answer;
import dev.yubin.mta.inbound.SessionChecks;
import dev.yubin.smtp.server.SessionGate;
import dev.yubin.smtp.server.SmtpClient;
import java.util.Optional;

/** The port 25 listener's {@link SessionGate}: each connect and HELO/EHLO goes to {@link SessionChecks}. */
final class PolicyGate implements SessionGate {

    private final SessionChecks checks;

    PolicyGate(SessionChecks checks) {
        this.checks = checks;
    }

    @Override
    public Optional<Refusal> connect(SmtpClient client) {
        return refusal(checks.connect(client));
    }

    @Override
    public Optional<Refusal> helo(SmtpClient client, String helo) {
        return refusal(checks.helo(client, helo));
    }

    @Override
    public void earlyTalker(SmtpClient client, SmtpReply reply) {
        checks.earlyTalker(client, reply);
    }

    @Override
    public void disconnected(SmtpClient client) {
        checks.disconnected(client);
    }

    private static Optional<Refusal> refusal(Answer answer) {
        return answer.reply().isPositive() ? Optional.empty() : Optional.of(new Refusal(answer.reply(), answer.drop()));
    }
}
