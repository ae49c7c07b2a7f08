package dev.yubin.policy.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A mailbox owner. The address is the lookup key (MailAddress.key()); the password only as a hash. */
@Entity
@Table(name = "account")
class Account extends AssignedIdEntity {

    @Id
    private String address;

    @Column(nullable = false)
    private String domain;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "quota_bytes")
    private Long quotaBytes;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Account() {}

    Account(String address, String domain, String passwordHash, Long quotaBytes, Instant createdAt) {
        this.address = address;
        this.domain = domain;
        this.passwordHash = passwordHash;
        this.quotaBytes = quotaBytes;
        this.createdAt = createdAt;
    }

    @Override
    public String getId() {
        return address;
    }

    String address() {
        return address;
    }

    String passwordHash() {
        return passwordHash;
    }

    Long quotaBytes() {
        return quotaBytes;
    }

    Instant createdAt() {
        return createdAt;
    }

    void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }
}
