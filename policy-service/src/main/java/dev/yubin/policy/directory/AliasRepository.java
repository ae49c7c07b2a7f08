package dev.yubin.policy.directory;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AliasRepository extends JpaRepository<Alias, String> {

    List<Alias> findAllByOrderByAddressAsc();

    boolean existsByDomain(String domain);
}
