package dev.yubin.policy.decision;

import dev.yubin.core.policy.PolicyCheck;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.BatchSize;

/** A row of the decision log: the question, the answer, and every check's reason. */
@Entity
@Table(name = "decision")
class DecisionRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @Column(nullable = false)
    private String stage;

    @Column(name = "queue_id")
    private String queueId;

    @Column(name = "client_address")
    private String clientAddress;

    @Column(name = "client_name")
    private String clientName;

    private String helo;
    private String sender;
    private String recipient;
    private String username;

    @Column(nullable = false)
    private String action;

    @Column(name = "smtp_code", nullable = false)
    private int smtpCode;

    @Column(name = "enhanced_code", nullable = false)
    private String enhancedCode;

    private String message;

    // Loaded in batches: a page of decisions costs a few queries, not one per row.
    @ElementCollection
    @CollectionTable(name = "decision_check", joinColumns = @JoinColumn(name = "decision_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<CheckEntry> checks = new ArrayList<>();

    protected DecisionRecord() {}

    DecisionRecord(Instant decidedAt, String stage, Question question, String action, int smtpCode,
                   String enhancedCode, String message, List<CheckEntry> checks) {
        this.decidedAt = decidedAt;
        this.stage = stage;
        this.queueId = question.queueId();
        this.clientAddress = question.clientAddress();
        this.clientName = question.clientName();
        this.helo = question.helo();
        this.sender = question.sender();
        this.recipient = question.recipient();
        this.username = question.username();
        this.action = action;
        this.smtpCode = smtpCode;
        this.enhancedCode = enhancedCode;
        this.message = message;
        this.checks = new ArrayList<>(checks);
    }

    /** The client-supplied fields of a decision, already cut to a storable length. */
    record Question(String queueId, String clientAddress, String clientName, String helo, String sender,
                    String recipient, String username) {}

    DecisionView toView() {
        return new DecisionView(id, decidedAt, stage, queueId, clientAddress, clientName, helo, sender, recipient,
                username, action, smtpCode, enhancedCode, message,
                checks.stream().map(c -> new PolicyCheck(c.name(), c.result(), c.detail())).toList());
    }
}
