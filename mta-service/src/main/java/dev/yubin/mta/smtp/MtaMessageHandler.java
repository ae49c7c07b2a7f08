package dev.yubin.mta.smtp;

import dev.yubin.core.smtp.MessageData;
import dev.yubin.core.smtp.MessageDataReader;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.mta.inbound.Answer;
import dev.yubin.mta.inbound.InboundService;
import dev.yubin.mta.inbound.Transaction;
import dev.yubin.smtp.server.SmtpClient;
import dev.yubin.smtp.server.SmtpReplies;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction as SubEthaSMTP sees it: created at MAIL FROM, it turns each callback into
 * a call on {@link InboundService} and each {@link SmtpReply} that is not a success into the
 * exception SubEthaSMTP answers with.
 */
final class MtaMessageHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(MtaMessageHandler.class);
    private static final String MDC_KEY = "queueId";

    private final InboundService inbound;
    private final MessageDataReader reader;
    private final Transaction tx;

    MtaMessageHandler(InboundService inbound, MessageDataReader reader, MessageContext context) {
        this.inbound = inbound;
        this.reader = reader;
        this.tx = inbound.begin(SmtpClient.of(context));
    }

    @Override
    public void from(String from) throws RejectException {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, tx.queueId().value())) {
            Answer answer = inbound.mailFrom(tx, from);
            if (answer.drop()) {
                throw SmtpReplies.drop(answer.reply());
            }
            refuseUnlessPositive(answer.reply());
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, tx.queueId().value())) {
            Answer answer = inbound.recipient(tx, recipient);
            if (answer.drop()) {
                throw SmtpReplies.drop(answer.reply());
            }
            refuseUnlessPositive(answer.reply());
        }
    }

    /** DATA and BDAT both end here. The reader drains the stream before we may refuse. */
    @Override
    public String data(InputStream data) throws RejectException, IOException {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, tx.queueId().value())) {
            MessageData message = reader.read(data);
            if (!message.isAcceptable()) {
                SmtpReply refusal = message.refusal().orElseThrow();
                log.info("{}: message refused after {} octets: {}", tx.queueId(), message.size(), refusal);
                throw SmtpReplies.reject(refusal);
            }
            SmtpReply reply = inbound.accept(tx, message.bytes());
            refuseUnlessPositive(reply);
            return SmtpReplies.textOf(reply);   // SubEthaSMTP puts "250 " before it
        }
    }

    @Override
    public void done() {
        // Nothing is held between transactions: the Transaction goes with this handler.
    }

    private static void refuseUnlessPositive(SmtpReply reply) throws RejectException {
        if (!reply.isPositive()) {
            throw SmtpReplies.reject(reply);
        }
    }
}
