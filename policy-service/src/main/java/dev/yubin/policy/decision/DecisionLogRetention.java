package dev.yubin.policy.decision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** Deletes decisions older than {@code yubin.policy.decision-log.retention}, every purge-interval. */
@Component
class DecisionLogRetention implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DecisionLogRetention.class);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final DecisionLog decisionLog;
    private final DecisionLogProperties properties;
    private final Clock clock;

    DecisionLogRetention(DecisionLog decisionLog, DecisionLogProperties properties, Clock clock) {
        this.decisionLog = decisionLog;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // Soon after start as well, so that a service restarted more often than the interval still purges.
        Duration interval = properties.purgeInterval();
        Duration firstRun = FIRST_RUN.compareTo(interval) < 0 ? FIRST_RUN : interval;
        registrar.addFixedDelayTask(new FixedDelayTask(this::purge, interval, firstRun));
    }

    /** One purge run; returns how many decisions were deleted. */
    int purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        try {
            int deleted = decisionLog.purgeOlderThan(cutoff);
            if (deleted > 0) {
                log.info("deleted {} decisions older than {}", deleted, cutoff);
            }
            return deleted;
        } catch (RuntimeException e) {
            // The next run tries again; a scheduled task that throws would only be logged anyway.
            log.warn("decision log purge failed", e);
            return 0;
        }
    }
}
