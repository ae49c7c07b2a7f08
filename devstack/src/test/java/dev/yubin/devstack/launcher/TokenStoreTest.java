package dev.yubin.devstack.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void aNewTokenIsSavedOwnerOnlyAndReusedAfterwards() throws Exception {
        Path file = dir.resolve("admin-token");

        String first = TokenStore.resolve(null, file);
        String second = TokenStore.resolve(null, file);

        assertThat(first).hasSizeGreaterThanOrEqualTo(40).matches("[A-Za-z0-9_-]+");
        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anExplicitTokenWinsAndIsNotSaved() {
        Path file = dir.resolve("internal-token");
        TokenStore.resolve(null, file);

        assertThat(TokenStore.resolve("from-env", file)).isEqualTo("from-env");
        assertThat(TokenStore.read(file)).get().isNotEqualTo("from-env");
    }

    @Test
    void eachNewTokenIsDifferent() {
        assertThat(TokenStore.newToken()).isNotEqualTo(TokenStore.newToken());
    }

    @Test
    void aMissingOrEmptyFileHasNoToken() throws Exception {
        assertThat(TokenStore.read(dir.resolve("none"))).isEmpty();
        Files.writeString(dir.resolve("empty"), "\n");
        assertThat(TokenStore.read(dir.resolve("empty"))).isEmpty();
    }
}
