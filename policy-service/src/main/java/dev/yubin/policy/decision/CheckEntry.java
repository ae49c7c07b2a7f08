package dev.yubin.policy.decision;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One check's verdict as stored with its decision. */
@Embeddable
record CheckEntry(
        @Column(name = "name", nullable = false) String name,
        @Column(name = "result", nullable = false) String result,
        @Column(name = "detail") String detail) {}
