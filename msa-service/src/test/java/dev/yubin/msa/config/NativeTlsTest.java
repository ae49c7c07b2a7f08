package dev.yubin.msa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeTlsTest {

    @Test
    void onLinuxX8664BoringSslDoesTheHandshakes() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64"), "Conscrypt's builds cover linux x86_64");

        assertThat(NativeTls.provider()).hasValueSatisfying(provider -> assertThat(provider.getName()).isEqualTo("Conscrypt"));
    }
}
