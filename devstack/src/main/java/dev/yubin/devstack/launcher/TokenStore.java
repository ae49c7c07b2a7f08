package dev.yubin.devstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Bearer tokens kept in the data directory (mode 600), so a restarted devstack, and the CLI
 * run in another terminal, use the same token as the running services.
 */
public final class TokenStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenStore() {}

    /** The token saved in {@code file}, if any. */
    public static Optional<String> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * {@code explicit} when given (it is not saved: it came from the environment and stays
     * there), else the saved token, else a new random one that is saved to {@code file}.
     */
    public static String resolve(String explicit, Path file) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        return read(file).orElseGet(() -> create(file));
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String create(Path file) {
        String token = newToken();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeOwnerOnly(file, token + "\n");
            return token;
        } catch (FileAlreadyExistsException e) {
            // another launcher got there first: use its token
            return read(file).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Creates {@code file} readable by its owner only (never briefly world-readable). */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
