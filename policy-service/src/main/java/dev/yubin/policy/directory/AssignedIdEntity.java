package dev.yubin.policy.directory;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * An entity keyed by a natural id (a name or an address). Without this, save() of a new row
 * with an assigned id would merge: a racing duplicate would update instead of failing.
 */
@MappedSuperclass
abstract class AssignedIdEntity implements Persistable<String> {

    @Transient
    private boolean fresh = true;

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }
}
