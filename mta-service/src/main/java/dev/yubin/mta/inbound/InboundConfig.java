package dev.yubin.mta.inbound;

import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.mta.authentication.MessageAuthenticator;
import dev.yubin.mta.config.Hostname;
import dev.yubin.mta.config.MtaProperties;
import dev.yubin.mta.config.SmtpProperties;
import dev.yubin.mta.config.PolicyProperties;
import dev.yubin.mta.config.SecurityProperties;
import dev.yubin.mta.policy.PolicyService;
import dev.yubin.mta.policy.SessionEndReporter;
import dev.yubin.smtp.server.AcceptedEvents;
import dev.yubin.smtp.server.MailPublisher;
import dev.yubin.smtp.server.ReceivedHeader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The receive side's services; only the port 25 listener uses it, so it exists only when the
 * receive role is on ({@code yubin.mta.receive.enabled}, default true).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "yubin.mta.receive.enabled", havingValue = "true", matchIfMissing = true)
class InboundConfig {

    /** Closed (lingering events sent) when the context closes, after the listeners have stopped. */
    @Bean
    AcceptedEvents acceptedEvents(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        return AcceptedEvents.batching(kafka.getProducerFactory().getConfigurationProperties(), AcceptedEvents.LINGER,
                json);
    }

    @Bean
    InboundService inboundService(QueueIdGenerator queueIds, PolicyService policy, KafkaTemplate<String, byte[]> kafka,
                                  AcceptedEvents events, Hostname hostname, Clock clock, MtaProperties mta,
                                  SmtpProperties smtp, MeterRegistry meters, MessageAuthenticator authenticator) {
        // the template's producer: acks=all, idempotent, bounded waits (application.yml)
        Producer<String, byte[]> producer = kafka.getProducerFactory().createProducer();
        return new InboundService(queueIds, policy, new MailPublisher(producer, mta.publishTimeout()),
                events, new ReceivedHeader(hostname.value(), clock.getZone(), true),
                clock, smtp.maxRecipients(), meters, authenticator);
    }

    @Bean
    SessionEndReporter sessionEndReporter(PolicyProperties policy, SecurityProperties security, JsonMapper json,
                                          MeterRegistry meters) {
        return new SessionEndReporter(policy, security, json, meters);
    }

    @Bean
    SessionChecks sessionChecks(PolicyService policy, MeterRegistry meters, SessionEndReporter sessionEnds) {
        return new SessionChecks(policy, new RefusalLog(meters), meters, sessionEnds);
    }
}
