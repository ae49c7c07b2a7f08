package dev.yubin.policy.directory;

import dev.yubin.core.address.MailAddress;
import dev.yubin.policy.web.ConflictException;
import dev.yubin.policy.web.InvalidInputException;
import dev.yubin.policy.web.NotFoundException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
class AliasService {

    private final DomainRepository domains;
    private final AccountRepository accounts;
    private final AliasRepository aliases;
    private final Directory directory;
    private final Clock clock;

    AliasService(DomainRepository domains, AccountRepository accounts, AliasRepository aliases, Directory directory,
                 Clock clock) {
        this.domains = domains;
        this.accounts = accounts;
        this.aliases = aliases;
        this.directory = directory;
        this.clock = clock;
    }

    /** Creates an alias; an existing alias is not replaced (409): delete it first. */
    Alias create(String requestedAddress, List<String> requestedTargets) {
        MailAddress address = Names.address(requestedAddress);
        if (!domains.existsById(address.domain())) {
            throw new InvalidInputException(address.domain() + " is not a local domain");
        }
        String key = address.key();
        if (accounts.existsById(key)) {
            throw new ConflictException(key + " is already an account");
        }
        if (aliases.existsById(key)) {
            throw new ConflictException("alias " + key + " already exists");
        }
        // Targets may be remote: keep their local part's spelling, drop repeats by lookup key.
        Map<String, String> targets = new LinkedHashMap<>();
        for (String target : requestedTargets) {
            MailAddress parsed = Names.address(target);
            targets.putIfAbsent(parsed.key(), parsed.toString());
        }
        directory.changed();
        return aliases.save(new Alias(key, address.domain(), List.copyOf(targets.values()),
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional(readOnly = true)
    List<Alias> list() {
        return aliases.findAllByOrderByAddressAsc();
    }

    @Transactional(readOnly = true)
    Alias get(String address) {
        return Names.lookupKey(address).flatMap(aliases::findById)
                .orElseThrow(() -> new NotFoundException("no alias " + address));
    }

    void delete(String address) {
        aliases.delete(get(address));
        directory.changed();
    }
}
