package dev.yubin.policy.directory;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AliasRepository extends JpaRepository<Alias, String> {

    List<Alias> findAllByOrderByAddressAsc();

    boolean existsByDomain(String domain);

    /** The aliases with a target among {@code keys} (lookup forms; targets keep their spelling). */
    @Query("select distinct a.address from Alias a join a.targets t where lower(t) in :keys")
    List<String> findAddressesTargeting(Collection<String> keys);
}
