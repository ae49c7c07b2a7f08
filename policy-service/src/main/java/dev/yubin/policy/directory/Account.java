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

    // Null: the service-wide default applies (yubin.policy.submission.*).
    @Column(name = "max_messages_per_hour")
    private Integer maxMessagesPerHour;

    @Column(name = "max_recipients_per_message")
    private Integer maxRecipientsPerMessage;

    protected Account() {}

    Account(String address, String domain, String passwordHash, Long quotaBytes, AccountLimits limits,
            Instant createdAt) {
        this.address = address;
        this.domain = domain;
        this.passwordHash = passwordHash;
        this.quotaBytes = quotaBytes;
        this.createdAt = createdAt;
        changeLimits(limits);
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

    AccountLimits limits() {
        return new AccountLimits(maxMessagesPerHour, maxRecipientsPerMessage);
    }

    void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    void changeLimits(AccountLimits limits) {
        this.maxMessagesPerHour = limits.maxMessagesPerHour();
        this.maxRecipientsPerMessage = limits.maxRecipientsPerMessage();
    }
}
