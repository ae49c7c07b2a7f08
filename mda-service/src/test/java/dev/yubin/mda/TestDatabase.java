package dev.yubin.mda;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One real PostgreSQL server for every integration test of this JVM, started on first use and
 * stopped by its shutdown hook. Tests keep apart by using their own mailbox addresses.
 */
public final class TestDatabase {

    private static final EmbeddedPostgres POSTGRES = start();

    private TestDatabase() {}

    public static String jdbcUrl() {
        return POSTGRES.getJdbcUrl("postgres", "postgres");
    }

    /** A connection of its own, outside the application's pool. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** A connection to a maintenance database, from which the application's one can be taken down. */
    public static Connection connectToMaintenanceDatabase() throws SQLException {
        return DriverManager.getConnection(POSTGRES.getJdbcUrl("postgres", "template1"), "postgres", "");
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }
}
