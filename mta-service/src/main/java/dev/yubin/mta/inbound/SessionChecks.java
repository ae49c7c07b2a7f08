package dev.yubin.mta.inbound;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.PolicyVerdict;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.mta.policy.SessionEndReporter;
import dev.yubin.smtp.server.SmtpClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The port 25 session before any mail transaction, without the protocol: the policy service is
 * asked when a client connects (CONNECT: allow/block lists, connection rate, DNSBL, reverse
 * DNS) and at each HELO/EHLO (HELO). Call order per session: {@link #connect}, {@link #helo}
 * any number of times, {@link #disconnected}; {@link #earlyTalker} instead of the rest when the
 * client talked before the greeting.
 */
public class SessionChecks {

    private static final Logger log = LoggerFactory.getLogger(SessionChecks.class);

    private final PolicyService policy;
    private final RefusalLog refusals;
    private final Counter earlyTalkers;
    private final SessionEndReporter sessionEnds;

    SessionChecks(PolicyService policy, RefusalLog refusals, MeterRegistry meters, SessionEndReporter sessionEnds) {
        this.policy = policy;
        this.refusals = refusals;
        this.sessionEnds = sessionEnds;
        this.earlyTalkers = Counter.builder("yubin.mta.smtp.early-talkers")
                .description("Clients dropped for sending before the greeting")
                .register(meters);
    }

    /**
     * Before the greeting. Every refusal closes the connection ({@link Answer#drop()} is always
     * true): a 4xx becomes 421, the code that says so (RFC 5321 §3.1); the policy service
     * unreachable is {@code 421 4.3.0}.
     */
    public Answer connect(SmtpClient client) {
        String clientAddress = client.address();
        log.debug("connect from [{}]", clientAddress);
        PolicyVerdict verdict = policy.check(new PolicyRequest(Stage.CONNECT, null, clientAddress, null, null,
                null, null, null, null).withSessionId(sessionIdOf(client)));
        if (verdict.accepted()) {
            return Answer.of(SmtpReply.OK);
        }
        SmtpReply reply = verdict.reply();
        if (reply.isTransient() && reply.code() != 421) {
            reply = new SmtpReply(421, reply.enhanced(), reply.text());
        }
        refusals.refused(null, Stage.CONNECT, clientAddress, reply, null, null, null, verdict.drop() ? "drop" : null);
        // a later CONNECT check (DNSBL...) may refuse a session the concurrency check already counted;
        // disconnected() is never called for a refused one
        if (!client.sessionId().isEmpty()) {
            sessionEnds.ended(client.sessionId());
        }
        return new Answer(reply, true);
    }

    /**
     * At HELO or EHLO. A refusal leaves the session without that name (the client may try again;
     * MAIL needs an accepted one); a DROP or a 421 closes the connection.
     */
    public Answer helo(SmtpClient client, String helo) {
        PolicyVerdict verdict = policy.check(new PolicyRequest(Stage.HELO, null, client.address(), null, helo,
                null, null, null, null).withSessionId(sessionIdOf(client)));
        if (verdict.accepted()) {
            return Answer.of(SmtpReply.OK);
        }
        boolean close = verdict.drop() || verdict.reply().code() == 421;
        refusals.refused(null, Stage.HELO, client.address(), verdict.reply(), null, null, helo, close ? "drop" : null);
        return new Answer(verdict.reply(), close);
    }

    /** The client sent something before our greeting and was dropped with {@code reply}. */
    public void earlyTalker(SmtpClient client, SmtpReply reply) {
        earlyTalkers.increment();
        refusals.refused(null, Stage.CONNECT, client.address(), reply, null, null, null, "early talker: sent before the greeting");
    }

    /**
     * The session that CONNECT let in is over (the only ones this is called for): the policy
     * service stops counting it towards the client's concurrent sessions, in the background.
     */
    public void disconnected(SmtpClient client) {
        log.debug("disconnect from [{}]", client.address());
        if (!client.sessionId().isEmpty()) {
            sessionEnds.ended(client.sessionId());
        }
    }

    /** The session id of every policy request of the session; null when the listener keeps none. */
    public static String sessionIdOf(SmtpClient client) {
        return client.sessionId().isEmpty() ? null : client.sessionId();
    }
}
