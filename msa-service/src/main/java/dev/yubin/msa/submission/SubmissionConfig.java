package dev.yubin.msa.submission;

import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.msa.config.Hostname;
import dev.yubin.msa.config.MsaProperties;
import dev.yubin.msa.config.SmtpProperties;
import dev.yubin.msa.dkim.DkimSigner;
import dev.yubin.msa.policy.PolicyClient;
import dev.yubin.smtp.server.AcceptedEvents;
import dev.yubin.smtp.server.MailPublisher;
import dev.yubin.smtp.server.ReceivedHeader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SubmissionConfig {

    /** Closed (lingering events sent) when the context closes, after the listeners have stopped. */
    @Bean
    AcceptedEvents acceptedEvents(ProducerFactory<String, byte[]> producers, JsonMapper json) {
        return AcceptedEvents.batching(producers.getConfigurationProperties(), AcceptedEvents.LINGER, json);
    }

    @Bean
    SubmissionService submissionService(QueueIdGenerator queueIds, PolicyClient policy, DkimSigner dkim,
                                        ProducerFactory<String, byte[]> producers, AcceptedEvents events,
                                        Hostname hostname, Clock clock, MsaProperties msa, SmtpProperties smtp,
                                        MeterRegistry meters) {
        // Boot's producer: acks=all, idempotent, bounded waits (application.yml)
        Producer<String, byte[]> producer = producers.createProducer();
        return new SubmissionService(queueIds, policy, new MessageHygiene(hostname.value(), clock.getZone()),
                new ReceivedHeader(hostname.value(), clock.getZone(), msa.received().includeClientAddress()),
                dkim, new MailPublisher(producer, msa.publishTimeout()), events, clock,
                smtp.maxRecipients(), meters);
    }
}
