package dev.yubin.msa.policy;

import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The DKIM endpoints of the policy service, which keeps the private keys: it tells a domain's
 * active selector ({@code GET /api/v1/dkim/{domain}}) and signs the bytes we hand it
 * ({@code POST /api/v1/dkim/{domain}/signatures}), per algorithm: {@code rsa-sha256} and
 * {@code ed25519-sha256}.
 */
@Component
public class DkimKeyClient {

    private record KeyView(String domain, String selector, String algorithm, String txt, String record) {}

    private record SignRequest(String selector, String data) {}

    private record SignatureView(String selector, String algorithm, String signature) {}

    private final RestClient rest;

    DkimKeyClient(RestClient policyRestClient) {
        this.rest = policyRestClient;
    }

    /**
     * @param algorithm {@code rsa-sha256} or {@code ed25519-sha256}
     * @return the selector of the domain's active key of that algorithm; empty when it has none (404)
     * @throws RestClientException when there is no usable answer
     */
    public Optional<String> activeSelector(String domain, String algorithm) {
        try {
            KeyView key = rest.get()
                    .uri("/api/v1/dkim/{domain}?algorithm={algorithm}", domain, algorithm)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(KeyView.class);
            if (key == null || key.selector() == null || key.selector().isBlank() || !algorithm.equals(key.algorithm())) {
                throw new RestClientException("unusable DKIM key answer for " + domain + ": " + key);
            }
            return Optional.of(key.selector());
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * @return the signature of {@code data} with the key of {@code selector}, which must be of {@code algorithm}
     * @throws RestClientException when there is no usable answer
     */
    public byte[] sign(String domain, String selector, String algorithm, byte[] data) {
        SignatureView signature = rest.post()
                .uri("/api/v1/dkim/{domain}/signatures", domain)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(new SignRequest(selector, Base64.getEncoder().encodeToString(data)))
                .retrieve()
                .body(SignatureView.class);
        if (signature == null || signature.signature() == null || !algorithm.equals(signature.algorithm())) {
            throw new RestClientException("unusable DKIM signature answer for " + selector + "._domainkey." + domain);
        }
        try {
            return Base64.getDecoder().decode(signature.signature());
        } catch (IllegalArgumentException e) {
            throw new RestClientException("DKIM signature for " + domain + " is not base64");
        }
    }
}
