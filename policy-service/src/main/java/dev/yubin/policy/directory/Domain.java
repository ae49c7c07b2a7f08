package dev.yubin.policy.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A domain we receive mail for. The name is the lower-case A-label. */
@Entity
@Table(name = "domain")
class Domain extends AssignedIdEntity {

    @Id
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Domain() {}

    Domain(String name, Instant createdAt) {
        this.name = name;
        this.createdAt = createdAt;
    }

    @Override
    public String getId() {
        return name;
    }

    String name() {
        return name;
    }

    Instant createdAt() {
        return createdAt;
    }
}
