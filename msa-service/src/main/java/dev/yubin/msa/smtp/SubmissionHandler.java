package dev.yubin.msa.smtp;

import dev.yubin.core.smtp.MessageData;
import dev.yubin.core.smtp.MessageDataReader;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.msa.submission.Answer;
import dev.yubin.msa.submission.Submission;
import dev.yubin.msa.submission.SubmissionService;
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
 * One submitted mail transaction as SubEthaSMTP sees it: created at MAIL FROM (the listener has
 * already required TLS and AUTH), it turns each callback into a call on
 * {@link SubmissionService} and each reply that is not a success into the exception SubEthaSMTP
 * answers with.
 */
final class SubmissionHandler implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(SubmissionHandler.class);
    private static final String MDC_KEY = "queueId";

    private final SubmissionService submissions;
    private final MessageDataReader reader;
    private final Submission tx;

    SubmissionHandler(SubmissionService submissions, MessageDataReader reader, MessageContext context) {
        this.submissions = submissions;
        this.reader = reader;
        this.tx = submissions.begin(SmtpClient.of(context));
    }

    @Override
    public void from(String from) throws RejectException {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, tx.queueId().value())) {
            refuseUnlessPositive(submissions.mailFrom(tx, from));
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, tx.queueId().value())) {
            refuseUnlessPositive(submissions.recipient(tx, recipient));
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
            Answer answer = submissions.accept(tx, message.bytes());
            refuseUnlessPositive(answer);
            return SmtpReplies.textOf(answer.reply());   // SubEthaSMTP puts "250 " before it
        }
    }

    @Override
    public void done() {
        // Nothing is held between transactions: the Submission goes with this handler.
    }

    private static void refuseUnlessPositive(Answer answer) throws RejectException {
        if (answer.drop()) {
            throw SmtpReplies.drop(answer.reply());
        }
        if (!answer.isPositive()) {
            throw SmtpReplies.reject(answer.reply());
        }
    }
}
