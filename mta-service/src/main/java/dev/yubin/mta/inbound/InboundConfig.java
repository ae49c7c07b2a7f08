package dev.yubin.mta.inbound;

import dev.yubin.core.envelope.QueueIdGenerator;
import dev.yubin.mta.config.Hostname;
import dev.yubin.mta.config.MtaProperties;
import dev.yubin.mta.config.SmtpProperties;
import dev.yubin.mta.policy.PolicyService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class InboundConfig {

    @Bean
    InboundService inboundService(QueueIdGenerator queueIds, PolicyService policy, KafkaTemplate<String, byte[]> kafka,
                                  JsonMapper json, Hostname hostname, Clock clock, MtaProperties mta,
                                  SmtpProperties smtp, MeterRegistry meters) {
        return new InboundService(queueIds, policy, new MailPublisher(kafka, mta.publishTimeout()),
                new EventPublisher(kafka, json), new ReceivedHeader(hostname.value(), clock.getZone()),
                clock, smtp.maxRecipients(), meters);
    }
}
