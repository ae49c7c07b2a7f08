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
 * ({@code POST /api/v1/dkim/{domain}/signatures}). Only rsa-sha256 keys are asked for.
 */
@Component
public class DkimKeyClient {

    static final String ALGORITHM = "rsa-sha256";

    private record KeyView(String domain, String selector, String algorithm, String txt, String record) {}

    private record SignRequest(String selector, String data) {}

    private record SignatureView(String selector, String algorithm, String signature) {}

    private final RestClient rest;

    DkimKeyClient(RestClient policyRestClient) {
        this.rest = policyRestClient;
    }

    /**
     * @return the selector of the domain's active rsa-sha256 key; empty when it has none (404)
     * @throws RestClientException when there is no usable answer
     */
    public Optional<String> activeSelector(String domain) {
        try {
            KeyView key = rest.get()
                    .uri("/api/v1/dkim/{domain}?algorithm={algorithm}", domain, ALGORITHM)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(KeyView.class);
            if (key == null || key.selector() == null || key.selector().isBlank() || !ALGORITHM.equals(key.algorithm())) {
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
     * @return the rsa-sha256 signature of {@code data} with the key of {@code selector}
     * @throws RestClientException when there is no usable answer
     */
    public byte[] sign(String domain, String selector, byte[] data) {
        SignatureView signature = rest.post()
                .uri("/api/v1/dkim/{domain}/signatures", domain)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .body(new SignRequest(selector, Base64.getEncoder().encodeToString(data)))
                .retrieve()
                .body(SignatureView.class);
        if (signature == null || signature.signature() == null || !ALGORITHM.equals(signature.algorithm())) {
            throw new RestClientException("unusable DKIM signature answer for " + selector + "._domainkey." + domain);
        }
        try {
            return Base64.getDecoder().decode(signature.signature());
        } catch (IllegalArgumentException e) {
            throw new RestClientException("DKIM signature for " + domain + " is not base64");
        }
    }
}
