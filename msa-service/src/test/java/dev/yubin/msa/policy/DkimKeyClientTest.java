package dev.yubin.msa.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withResourceNotFound;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withServerError;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The DKIM endpoints of the policy service: the selector of a domain, and signatures by its key. */
class DkimKeyClientTest {

    private final RestClient.Builder builder = RestClient.builder().baseUrl("http://policy.test");
    private final MockRestServiceServer policy = MockRestServiceServer.bindTo(builder).build();
    private final DkimKeyClient client = new DkimKeyClient(builder.build());

    @Test
    void theActiveSelectorOrNoneForADomainWithoutAKey() {
        policy.expect(requestTo("http://policy.test/api/v1/dkim/example.test?algorithm=rsa-sha256"))
                .andExpect(method(HttpMethod.GET))
                .andRespond(withSuccess("{\"domain\":\"example.test\",\"selector\":\"y20261128abcd\",\"algorithm\":\"rsa-sha256\","
                        + "\"txt\":\"v=DKIM1; k=rsa; p=AAAA\",\"record\":\"y20261128abcd._domainkey.example.test\"}",
                        MediaType.APPLICATION_JSON));
        policy.expect(requestTo("http://policy.test/api/v1/dkim/other.example?algorithm=rsa-sha256"))
                .andRespond(withResourceNotFound());
        policy.expect(requestTo("http://policy.test/api/v1/dkim/broken.example?algorithm=rsa-sha256"))
                .andRespond(withServerError());

        assertThat(client.activeSelector("example.test", "rsa-sha256")).contains("y20261128abcd");
        assertThat(client.activeSelector("other.example", "rsa-sha256")).isEmpty();
        assertThatThrownBy(() -> client.activeSelector("broken.example", "rsa-sha256")).isInstanceOf(RestClientException.class);
    }

    @Test
    void anAnswerForAnotherAlgorithmIsNoAnswer() {
        policy.expect(requestTo("http://policy.test/api/v1/dkim/example.test?algorithm=ed25519-sha256"))
                .andRespond(withSuccess("{\"domain\":\"example.test\",\"selector\":\"s1\",\"algorithm\":\"rsa-sha256\"}",
                        MediaType.APPLICATION_JSON));

        assertThatThrownBy(() -> client.activeSelector("example.test", "ed25519-sha256")).isInstanceOf(RestClientException.class);
    }

    @Test
    void theBytesToSignGoAsBase64AndTheSignatureComesBack() {
        byte[] signature = {1, 2, 3, (byte) 0xff};
        policy.expect(requestTo("http://policy.test/api/v1/dkim/example.test/signatures"))
                .andExpect(method(HttpMethod.POST))
                .andExpect(content().json("{\"selector\":\"sel\",\"data\":\"" + Base64.getEncoder().encodeToString(new byte[] {'a', 'b'}) + "\"}"))
                .andRespond(withSuccess("{\"selector\":\"sel\",\"algorithm\":\"rsa-sha256\",\"signature\":\""
                        + Base64.getEncoder().encodeToString(signature) + "\"}", MediaType.APPLICATION_JSON));

        assertThat(client.sign("example.test", "sel", "rsa-sha256", new byte[] {'a', 'b'})).isEqualTo(signature);
    }

    @Test
    void aSignatureOfAnotherAlgorithmIsNoSignature() {
        policy.expect(requestTo("http://policy.test/api/v1/dkim/example.test/signatures"))
                .andRespond(withSuccess("{\"selector\":\"sel\",\"algorithm\":\"ed25519-sha256\",\"signature\":\"AQID\"}",
                        MediaType.APPLICATION_JSON));

        assertThatThrownBy(() -> client.sign("example.test", "sel", "rsa-sha256", new byte[0])).isInstanceOf(RestClientException.class);
    }
}
