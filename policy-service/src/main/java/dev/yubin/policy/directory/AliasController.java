package dev.yubin.policy.directory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
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
@RequestMapping("/api/v1/aliases")
class AliasController {

    record AliasRequest(@NotBlank String address, @NotEmpty @Size(max = 1000) List<@NotBlank String> targets) {}

    record AliasResponse(String address, List<String> targets, Instant createdAt) {
        static AliasResponse of(Alias alias) {
            return new AliasResponse(alias.address(), alias.targets(), alias.createdAt());
        }
    }

    private final AliasService service;

    AliasController(AliasService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<AliasResponse> create(@Valid @RequestBody AliasRequest request) {
        Alias alias = service.create(request.address(), request.targets());
        return ResponseEntity.created(location(alias.address())).body(AliasResponse.of(alias));
    }

    @GetMapping
    List<AliasResponse> list() {
        return service.list().stream().map(AliasResponse::of).toList();
    }

    @GetMapping("/{address}")
    AliasResponse get(@PathVariable String address) {
        return AliasResponse.of(service.get(address));
    }

    @DeleteMapping("/{address}")
    ResponseEntity<Void> delete(@PathVariable String address) {
        service.delete(address);
        return ResponseEntity.noContent().build();
    }

    /** The resource's URL; '@' may stay literal in a path segment, other specials get encoded. */
    private static URI location(String id) {
        return UriComponentsBuilder.fromPath("/api/v1/aliases").pathSegment(id).build().encode().toUri();
    }
}
