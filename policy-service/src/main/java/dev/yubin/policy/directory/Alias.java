package dev.yubin.policy.directory;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A local address that forwards to one or more targets: accounts, remote addresses or other aliases. */
@Entity
@Table(name = "alias")
class Alias extends AssignedIdEntity {

    @Id
    private String address;

    @Column(nullable = false)
    private String domain;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    // Eager: the list is short and always needed, also outside a transaction.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "alias_target", joinColumns = @JoinColumn(name = "alias_address"))
    @OrderColumn(name = "position")
    @Column(name = "target", nullable = false)
    private List<String> targets = new ArrayList<>();

    protected Alias() {}

    Alias(String address, String domain, List<String> targets, Instant createdAt) {
        this.address = address;
        this.domain = domain;
        this.targets = new ArrayList<>(targets);
        this.createdAt = createdAt;
    }

    @Override
    public String getId() {
        return address;
    }

    String address() {
        return address;
    }

    List<String> targets() {
        return List.copyOf(targets);
    }

    Instant createdAt() {
        return createdAt;
    }
}
