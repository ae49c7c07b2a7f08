package dev.yubin.policy.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.Api.Response;
import dev.yubin.policy.support.PolicyServiceIT;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** DKIM keys over the REST API; signatures checked with the JDK's own verifier. */
@PolicyServiceIT
class DkimApiIT {

    private static final byte[] HEADERS = ("from:Alice <alice@example.test>\r\nsubject:Hello\r\n"
            + "dkim-signature:v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test; s=x; h=from:subject; bh=abc=; b=")
            .getBytes(StandardCharsets.US_ASCII);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KeyWrapper wrapper;

    Api admin;
    Api msa;
    String domain;

    @BeforeEach
    void setUp() {
        admin = Api.onPort(port);
        msa = admin.withToken(Api.INTERNAL_TOKEN);
        domain = Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
    }

    @Test
    void createdKeyIsAnRsa2048PublicKeyInItsTxtRecord() throws Exception {
        Response created = admin.post("/api/v1/dkim/" + domain.toUpperCase(), Map.of());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode key = created.json();
        String selector = key.get("selector").asString();
        assertThat(selector).matches("y\\d{8}[a-z0-9]{4}");
        assertThat(key.get("domain").asString()).isEqualTo(domain);
        assertThat(key.get("algorithm").asString()).isEqualTo("rsa-sha256");
        assertThat(key.get("record").asString()).isEqualTo(selector + "._domainkey." + domain);
        assertThat(key.get("txt").asString()).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("domain", "selector", "algorithm", "txt", "record");

        RSAPublicKey publicKey = (RSAPublicKey) rsaPublicKey(key);
        assertThat(publicKey.getModulus().bitLength()).isEqualTo(2048);

        assertThat(admin.get("/api/v1/dkim/" + domain).json()).isEqualTo(key);
        assertThat(msa.get("/api/v1/dkim/" + domain).json()).isEqualTo(key);
    }

    @Test
    void signatureVerifiesWithThePublishedKey() throws Exception {
        JsonNode key = admin.post("/api/v1/dkim/" + domain, Map.of()).json();
        Response signed = sign(msa, key.get("selector").asString(), HEADERS);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.json().get("selector").asString()).isEqualTo(key.get("selector").asString());
        assertThat(signed.json().get("algorithm").asString()).isEqualTo("rsa-sha256");

        byte[] signature = Base64.getDecoder().decode(signed.json().get("signature").asString());
        assertThat(verify("SHA256withRSA", rsaPublicKey(key), HEADERS, signature)).isTrue();
        byte[] other = HEADERS.clone();
        other[0] = 'F';
        assertThat(verify("SHA256withRSA", rsaPublicKey(key), other, signature)).isFalse();
    }

    @Test
    void aNewKeyBecomesActiveAndTheOldOneStillSigns() throws Exception {
        JsonNode first = admin.post("/api/v1/dkim/" + domain, Map.of()).json();
        JsonNode second = admin.post("/api/v1/dkim/" + domain, Map.of()).json();
        assertThat(second.get("selector").asString()).isNotEqualTo(first.get("selector").asString());
        assertThat(msa.get("/api/v1/dkim/" + domain).json()).isEqualTo(second);

        byte[] oldSignature = Base64.getDecoder().decode(
                sign(msa, first.get("selector").asString(), HEADERS).json().get("signature").asString());
        assertThat(verify("SHA256withRSA", rsaPublicKey(first), HEADERS, oldSignature)).isTrue();
        assertThat(jdbc.sql("select count(*) from dkim_key where domain = :d and active").param("d", domain)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anEd25519KeyLivesBesideTheRsaKey() throws Exception {
        JsonNode rsa = admin.post("/api/v1/dkim/" + domain, Map.of()).json();
        Response created = admin.post("/api/v1/dkim/" + domain + "?algorithm=ed25519-sha256", Map.of());
        assertThat(created.status()).isEqualTo(201);
        JsonNode ed = created.json();
        assertThat(ed.get("algorithm").asString()).isEqualTo("ed25519-sha256");
        assertThat(ed.get("txt").asString()).startsWith("v=DKIM1; k=ed25519; p=");
        byte[] raw = Base64.getDecoder().decode(ed.get("txt").asString().substring("v=DKIM1; k=ed25519; p=".length()));
        assertThat(raw).hasSize(32);

        assertThat(admin.get("/api/v1/dkim/" + domain).json()).isEqualTo(rsa);
        assertThat(admin.get("/api/v1/dkim/" + domain + "?algorithm=ed25519-sha256").json()).isEqualTo(ed);

        // RFC 8463: PureEdDSA over the SHA-256 hash of the header data.
        Response signed = sign(msa, ed.get("selector").asString(), HEADERS);
        assertThat(signed.json().get("algorithm").asString()).isEqualTo("ed25519-sha256");
        byte[] signature = Base64.getDecoder().decode(signed.json().get("signature").asString());
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                concat(HexFormat.of().parseHex("302a300506032b6570032100"), raw)));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(HEADERS);
        assertThat(verify("Ed25519", publicKey, hash, signature)).isTrue();
    }

    @Test
    void privateKeyIsStoredEncryptedAndNeverServed() throws Exception {
        List<Response> responses = new ArrayList<>();
        Response created = admin.post("/api/v1/dkim/" + domain, Map.of());
        responses.add(created);
        String selector = created.json().get("selector").asString();
        responses.add(admin.get("/api/v1/dkim/" + domain));
        responses.add(msa.get("/api/v1/dkim/" + domain));
        responses.add(sign(msa, selector, HEADERS));
        responses.add(admin.withToken(null).get("/v3/api-docs"));

        byte[] stored = jdbc.sql("select private_key from dkim_key where domain = :d and selector = :s")
                .param("d", domain).param("s", selector).query(byte[].class).single();
        assertThatThrownBy(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(stored)))
                .isInstanceOf(Exception.class);

        // The stored bytes are the real key, encrypted: the service's wrapper opens them.
        byte[] pkcs8 = wrapper.unwrap(stored, "yubin-dkim:" + domain + ":" + selector);
        var privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        assertThat(privateKey.getModulus()).isEqualTo(((RSAPublicKey) rsaPublicKey(created.json())).getModulus());
        assertThat(indexOf(stored, privateKey.getPrivateExponent().toByteArray())).isNegative();
        assertThat(indexOf(stored, pkcs8)).isNegative();

        String pkcs8Base64 = Base64.getEncoder().encodeToString(pkcs8);
        for (Response response : responses) {
            assertThat(response.body()).doesNotContain(pkcs8Base64.substring(40, 120))
                    .doesNotContain(privateKey.getPrivateExponent().toString())
                    .doesNotContainIgnoringCase("privateKey")
                    .doesNotContainIgnoringCase("private_key");
        }
    }

    @Test
    void signingIsForTheInternalTokenOnly() {
        String selector = admin.post("/api/v1/dkim/" + domain, Map.of()).json().get("selector").asString();
        Response asAdmin = sign(admin, selector, HEADERS);
        assertThat(asAdmin.status()).isEqualTo(403);
        assertThat(asAdmin.isProblem()).isTrue();
        Response anonymous = sign(admin.withToken(null), selector, HEADERS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).isTrue();
        assertThat(sign(admin.withToken("wrong"), selector, HEADERS).status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("signature\"");
        // Making keys is the operator's: the internal token may read the public key only.
        assertThat(msa.post("/api/v1/dkim/" + domain, Map.of()).status()).isEqualTo(403);
        assertThat(admin.withToken(null).get("/api/v1/dkim/" + domain).status()).isEqualTo(401);
    }

    @Test
    void unknownDomainsSelectorsAndBadInputAreProblems() {
        assertProblem(admin.post("/api/v1/dkim/" + Api.uniqueDomain(), Map.of()), 404);
        assertProblem(admin.post("/api/v1/dkim/not_a..domain", Map.of()), 400);
        assertProblem(admin.post("/api/v1/dkim/" + domain + "?algorithm=dsa-sha1", Map.of()), 400);
        assertProblem(admin.get("/api/v1/dkim/" + domain), 404);
        assertProblem(msa.get("/api/v1/dkim/" + Api.uniqueDomain()), 404);

        String selector = admin.post("/api/v1/dkim/" + domain, Map.of()).json().get("selector").asString();
        assertProblem(sign(msa, "y20000101none", HEADERS), 404);
        assertProblem(msa.post("/api/v1/dkim/" + Api.uniqueDomain() + "/signatures",
                Map.of("selector", selector, "data", "AAAA")), 404);
        assertProblem(msa.post("/api/v1/dkim/" + domain + "/signatures",
                Map.of("selector", selector, "data", "not base64!")), 400);
        assertProblem(msa.post("/api/v1/dkim/" + domain + "/signatures", Map.of("data", "AAAA")), 400);
    }

    @Test
    void deletingTheDomainDeletesItsKeys() {
        admin.post("/api/v1/dkim/" + domain, Map.of());
        assertThat(admin.delete("/api/v1/domains/" + domain).status()).isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from dkim_key where domain = :d").param("d", domain)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void apiDocsDescribeTheDkimAndSenderCalls() {
        JsonNode paths = admin.withToken(null).get("/v3/api-docs").json().get("paths");
        assertThat(paths.has("/api/v1/dkim/{domain}")).isTrue();
        assertThat(paths.has("/api/v1/dkim/{domain}/signatures")).isTrue();
        assertThat(paths.has("/api/v1/accounts/{address}/senders")).isTrue();
        assertThat(paths.has("/api/v1/accounts/{address}/limits")).isTrue();
    }

    private Response sign(Api api, String selector, byte[] data) {
        return api.post("/api/v1/dkim/" + domain + "/signatures",
                Map.of("selector", selector, "data", Base64.getEncoder().encodeToString(data)));
    }

    private static PublicKey rsaPublicKey(JsonNode key) throws Exception {
        String txt = key.get("txt").asString();
        byte[] der = Base64.getDecoder().decode(txt.substring(txt.indexOf("p=") + 2));
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    }

    private static boolean verify(String algorithm, PublicKey key, byte[] data, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(data);
        return verifier.verify(signature);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1)
                .indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.isProblem()).as(response.toString()).isTrue();
    }
}
