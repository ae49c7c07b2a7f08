package dev.yubin.mta.inbound;

import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Postfix-like INFO line for every refusal at any stage, so that an operator can grep the
 * log the way they grep Postfix's:
 * {@code 0123ABC: reject: RCPT from [192.0.2.1]: 550 5.1.1 ...; from=<a@b> to=<c@d> helo=<x>}
 * ({@code NOQUEUE} before MAIL, where there is no queue id yet). The reasons behind the reply
 * are in the policy service's decision log. Each refusal is counted in
 * {@code yubin.mta.refusals{stage,class}}.
 */
final class RefusalLog {

    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

    private final MeterRegistry meters;

    RefusalLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * @param queueId null before MAIL
     * @param from    the sender without brackets ({@code ""} for the null path), or null before MAIL
     * @param to      the recipient, or null before RCPT
     * @param helo    the HELO name, or null/empty when none was given
     * @param note    what the reply does not say (e.g. {@code drop}), or null
     */
    void refused(String queueId, Stage stage, String client, SmtpReply reply, String from, String to, String helo,
                 String note) {
        StringJoiner details = new StringJoiner(" ");
        if (from != null) {
            details.add("from=<" + from + ">");
        }
        if (to != null) {
            details.add("to=<" + to + ">");
        }
        details.add("helo=<" + (helo == null ? "" : helo) + ">");
        if (note != null) {
            details.add(note);
        }
        log.info("{}: reject: {} from [{}]: {}; {}", queueId == null ? "NOQUEUE" : queueId, stage, client, reply, details);
        Counter.builder("yubin.mta.refusals")
                .description("Refusals on port 25 by SMTP stage and reply class")
                .tag("stage", stage.name())
                .tag("class", reply.code() / 100 + "xx")
                .register(meters)
                .increment();
    }
}
