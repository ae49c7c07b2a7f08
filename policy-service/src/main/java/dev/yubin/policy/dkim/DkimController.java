package dev.yubin.policy.dkim;

import dev.yubin.policy.web.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Base64;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * DKIM keys of a local domain. {@code POST} (admin) makes a new active key; {@code GET} (admin or
 * internal) shows the active one; {@code POST .../signatures} (internal token only: the
 * submission service) signs with a key. No call ever returns a private key.
 * {@code algorithm} is {@code rsa-sha256} (default) or {@code ed25519-sha256} (RFC 8463).
 */
@RestController
@RequestMapping("/api/v1/dkim/{domain}")
class DkimController {

    /**
     * @param selector the key's selector
     * @param data     base64 of the bytes to sign: the canonicalized header fields, the
     *                 DKIM-Signature field last with an empty {@code b=} (RFC 6376 §3.7)
     */
    record SignRequest(@NotBlank @Size(max = 63) String selector, @NotNull @Size(max = 1_000_000) String data) {}

    private final DkimService service;

    DkimController(DkimService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<DkimService.PublicKeyView> create(@PathVariable String domain,
            @RequestParam(defaultValue = "rsa-sha256") String algorithm) {
        DkimService.PublicKeyView key = service.create(domain, algorithm(algorithm));
        URI location = UriComponentsBuilder.fromPath("/api/v1/dkim").pathSegment(key.domain())
                .queryParam("algorithm", key.algorithm()).build().encode().toUri();
        return ResponseEntity.created(location).body(key);
    }

    @GetMapping
    DkimService.PublicKeyView active(@PathVariable String domain,
            @RequestParam(defaultValue = "rsa-sha256") String algorithm) {
        return service.active(domain, algorithm(algorithm));
    }

    @PostMapping("/signatures")
    DkimService.SignatureView sign(@PathVariable String domain, @Valid @RequestBody SignRequest request) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(request.data());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("data is not base64: " + e.getMessage());
        }
        return service.sign(domain, request.selector().strip(), data);
    }

    private static DkimAlgorithm algorithm(String tag) {
        return DkimAlgorithm.ofTag(tag).orElseThrow(
                () -> new InvalidInputException("algorithm must be rsa-sha256 or ed25519-sha256, not " + tag));
    }
}
