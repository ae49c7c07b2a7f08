package dev.yubin.policy.dkim;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code dkim_key} table. The private key goes in and out only in its wrapped (encrypted) form. */
@Repository
class DkimKeyStore {

    /** One stored key; {@code wrappedPrivateKey} is {@link KeyWrapper} output, never PKCS#8 in clear. */
    record StoredKey(String domain, String selector, DkimAlgorithm algorithm, byte[] publicKey,
                     byte[] wrappedPrivateKey, Instant createdAt) {}

    private static final String COLUMNS = "domain, selector, algorithm, public_key, private_key, created_at";

    private static final RowMapper<StoredKey> ROW = (rs, row) -> new StoredKey(
            rs.getString("domain"),
            rs.getString("selector"),
            DkimAlgorithm.valueOf(rs.getString("algorithm")),
            rs.getBytes("public_key"),
            rs.getBytes("private_key"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant());

    private final JdbcClient jdbc;

    DkimKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores {@code key} as its domain's active key for its algorithm; the previous one stays,
     * inactive, so that mail signed with it still verifies while its DNS record is published.
     * Two concurrent calls for one domain: the unique index on active keys lets one win, the
     * other fails with a constraint violation (409).
     */
    @Transactional
    void addActive(StoredKey key) {
        jdbc.sql("update dkim_key set active = false where domain = :domain and algorithm = :algorithm and active")
                .param("domain", key.domain())
                .param("algorithm", key.algorithm().name())
                .update();
        jdbc.sql("insert into dkim_key (" + COLUMNS + ", active) values "
                        + "(:domain, :selector, :algorithm, :publicKey, :privateKey, :createdAt, true)")
                .param("domain", key.domain())
                .param("selector", key.selector())
                .param("algorithm", key.algorithm().name())
                .param("publicKey", key.publicKey())
                .param("privateKey", key.wrappedPrivateKey())
                .param("createdAt", OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC))
                .update();
    }

    Optional<StoredKey> active(String domain, DkimAlgorithm algorithm) {
        return jdbc.sql("select " + COLUMNS
                        + " from dkim_key where domain = :domain and algorithm = :algorithm and active")
                .param("domain", domain)
                .param("algorithm", algorithm.name())
                .query(ROW)
                .optional();
    }

    Optional<StoredKey> find(String domain, String selector) {
        return jdbc.sql("select " + COLUMNS + " from dkim_key where domain = :domain and selector = :selector")
                .param("domain", domain)
                .param("selector", selector)
                .query(ROW)
                .optional();
    }
}
