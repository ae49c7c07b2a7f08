package dev.yubin.policy.decision;

import java.time.Instant;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface DecisionRepository extends JpaRepository<DecisionRecord, Long>, JpaSpecificationExecutor<DecisionRecord> {

    /** Deletes up to {@code batch} decisions older than {@code cutoff}; their checks go by cascade. */
    @Modifying
    @Transactional
    @Query(value = """
            delete from decision where id in (
                select id from decision where decided_at < :cutoff limit :batch)
            """, nativeQuery = true)
    int deleteOlderThan(Instant cutoff, int batch);
}
