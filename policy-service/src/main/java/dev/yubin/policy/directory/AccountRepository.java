package dev.yubin.policy.directory;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, String> {

    List<Account> findAllByOrderByAddressAsc();

    List<Account> findByDomainOrderByAddressAsc(String domain);

    boolean existsByDomain(String domain);
}
