package dev.yubin.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusalLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final RefusalLog refusals = new RefusalLog(new SimpleMeterRegistry());

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void aRcptRefusalReadsLikePostfixWithTheQueueId() {
        refusals.refused("0123456789ABCDEFGHJK", Stage.RCPT, "127.0.0.2", SmtpReply.UNKNOWN_USER, "a@b.example",
                "c@d.example", "x.example", null);

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel().toString()).isEqualTo("INFO");
            assertThat(line.getFormattedMessage()).isEqualTo("0123456789ABCDEFGHJK: reject: RCPT from [127.0.0.2]: "
                    + "550 5.1.1 Recipient address rejected: user unknown; from=<a@b.example> to=<c@d.example> helo=<x.example>");
        });
    }

    @Test
    void beforeMailThereIsNoQueueIdAndNoEnvelope() {
        refusals.refused(null, Stage.CONNECT, "127.0.0.3", SmtpReply.POLICY_REJECT, null, null, null, "drop");

        assertThat(lines.list).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                .isEqualTo("NOQUEUE: reject: CONNECT from [127.0.0.3]: 554 5.7.1 Access denied; helo=<> drop");
    }
}
