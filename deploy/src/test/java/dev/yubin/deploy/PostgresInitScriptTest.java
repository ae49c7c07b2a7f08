package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * deploy/docker/postgres/10-yubin-databases.sh, which the postgres image runs once on an empty
 * volume, run here with psql against a real (embedded) PostgreSQL.
 */
class PostgresInitScriptTest {

    @Test
    void createsOneDatabaseAndOneOwnerRolePerService() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Tools.run(Repo.ROOT, Map.of(
                            "PGHOST", "localhost",
                            "PGPORT", String.valueOf(postgres.getPort()),
                            "POSTGRES_USER", "postgres",
                            "YUBIN_POLICY_DB_PASSWORD", "policy-secret",
                            "YUBIN_MDA_DB_PASSWORD", "mda-secret"),
                    List.of("/bin/sh", "deploy/docker/postgres/10-yubin-databases.sh")).assertSuccess();

            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
            for (String db : List.of("yubin_policy", "yubin_mda")) {
                // the role owns its database: Flyway can create its tables there
                try (Connection c = DriverManager.getConnection(url + db, db, "unused-with-trust-auth");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE flyway_probe (id int)");
                    assertThat(c.getMetaData().getUserName()).isEqualTo(db);
                }
            }
            // and no service reaches the other's database
            assertThatThrownBy(() -> DriverManager.getConnection(url + "yubin_mda", "yubin_policy", "x").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> DriverManager.getConnection(url + "yubin_policy", "yubin_mda", "x").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void refusesToRunWithoutThePasswords() {
        Tools.Result result = Tools.run(Repo.ROOT, Map.of("YUBIN_POLICY_DB_PASSWORD", "", "YUBIN_MDA_DB_PASSWORD", "",
                "PGHOST", "127.0.0.1", "PGPORT", "1"), List.of("/bin/sh", "deploy/docker/postgres/10-yubin-databases.sh"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("YUBIN_POLICY_DB_PASSWORD");
    }
}
