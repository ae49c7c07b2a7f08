package dev.yubin.policy.directory;

import dev.yubin.policy.web.ConflictException;
import dev.yubin.policy.web.NotFoundException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class DomainService {

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final Directory directory;
    private final Clock clock;

    DomainService(DomainRepository domains, AccountRepository accounts, AliasRepository aliases, Directory directory,
                  Clock clock) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
        this.directory = directory;
        this.clock = clock;
    }

    Domain create(String requestedName) {
        String name = Names.domain(requestedName);
        if (domains.existsById(name)) {
            throw new ConflictException("domain " + name + " already exists");
        }
        directory.changed();
        // PostgreSQL keeps microseconds: truncate so the answer equals what a later GET shows.
        return domains.save(new Domain(name, clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional(readOnly = true)
    List<Domain> list() {
        return domains.findAllByOrderByNameAsc();
    }

    @Transactional(readOnly = true)
    Domain get(String name) {
        return Names.lookupDomain(name).flatMap(domains::findById)
                .orElseThrow(() -> new NotFoundException("no domain " + name));
    }

    void delete(String name) {
        Domain domain = get(name);
        if (accounts.existsByDomain(domain.name()) || aliases.existsByDomain(domain.name())) {
            throw new ConflictException("domain " + domain.name() + " still has accounts or aliases");
        }
        domains.delete(domain);
        directory.changed();
    }
}
