package dev.yubin.policy.directory;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface DomainRepository extends JpaRepository<Domain, String> {

    List<Domain> findAllByOrderByNameAsc();
}
