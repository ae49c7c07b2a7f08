package dev.yubin.policy.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points each Spring test context at its own fresh database inside one real PostgreSQL server,
 * started once per test JVM and stopped when the JVM exits.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The lazy-holder idiom: started on first use, shared by every test class, stopped at exit. */
    private static final class Server {
        static final EmbeddedPostgres POSTGRES = start();

        private static EmbeddedPostgres start() {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException e) {
                        // The JVM is going away; the temp directory is cleaned up by the OS.
                    }
                }));
                return postgres;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPostgres postgres = Server.POSTGRES;
        String database = "policy_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database", e);
        }
        TestPropertyValues.of(
                "spring.datasource.url=" + postgres.getJdbcUrl("postgres", database),
                "spring.datasource.username=postgres",
                "spring.datasource.password=")
                .applyTo(context.getEnvironment());
    }
}
