package dev.yubin.policy.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/domains")
class DomainController {

    record DomainRequest(@NotBlank String name) {}

    record DomainResponse(String name, Instant createdAt) {
        static DomainResponse of(Domain domain) {
            return new DomainResponse(domain.name(), domain.createdAt());
        }
    }

    private final DomainService service;

    DomainController(DomainService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<DomainResponse> create(@Valid @RequestBody DomainRequest request) {
        Domain domain = service.create(request.name());
        return ResponseEntity.created(location(domain.name())).body(DomainResponse.of(domain));
    }

    @GetMapping
    List<DomainResponse> list() {
        return service.list().stream().map(DomainResponse::of).toList();
    }

    @GetMapping("/{domain}")
    DomainResponse get(@PathVariable String domain) {
        return DomainResponse.of(service.get(domain));
    }

    @DeleteMapping("/{domain}")
    ResponseEntity<Void> delete(@PathVariable String domain) {
        service.delete(domain);
        return ResponseEntity.noContent().build();
    }

    /** The resource's URL; '@' may stay literal in a path segment, other specials get encoded. */
    private static URI location(String id) {
        return UriComponentsBuilder.fromPath("/api/v1/domains").pathSegment(id).build().encode().toUri();
    }
}
