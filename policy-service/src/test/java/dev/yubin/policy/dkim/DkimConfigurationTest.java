package dev.yubin.policy.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.policy.security.SecurityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Where the master key comes from: the setting, or else the internal token. */
class DkimConfigurationTest {

    private static final byte[] SECRET = "pkcs8".getBytes(StandardCharsets.US_ASCII);
    private static final SecurityProperties SECURITY = new SecurityProperties("admin", "an internal token");

    private final DkimConfiguration configuration = new DkimConfiguration();

    @Test
    void configuredMasterKeyIsUsed() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        KeyWrapper wrapper = configuration.dkimKeyWrapper(
                new DkimProperties(Base64.getEncoder().encodeToString(key)), SECURITY);
        assertThat(new KeyWrapper(key).unwrap(wrapper.wrap(SECRET, "ctx"), "ctx")).isEqualTo(SECRET);
    }

    @Test
    void blankMasterKeyIsDerivedFromTheInternalToken() throws Exception {
        byte[] derived = MessageDigest.getInstance("SHA-256")
                .digest("an internal token".getBytes(StandardCharsets.UTF_8));
        for (String blank : new String[] {null, "", "  "}) {
            KeyWrapper wrapper = configuration.dkimKeyWrapper(new DkimProperties(blank), SECURITY);
            assertThat(new KeyWrapper(derived).unwrap(wrapper.wrap(SECRET, "ctx"), "ctx")).isEqualTo(SECRET);
        }
    }

    @Test
    void masterKeyThatIsNotBase64Of32BytesStopsStartup() {
        assertThatThrownBy(() -> configuration.dkimKeyWrapper(new DkimProperties("not base64!"), SECURITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64");
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> configuration.dkimKeyWrapper(new DkimProperties(sixteenBytes), SECURITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
