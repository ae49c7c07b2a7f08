package dev.yubin.policy.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyWrapperTest {

    private static final byte[] SECRET = "a PKCS#8 private key, in clear".getBytes(StandardCharsets.UTF_8);

    private final KeyWrapper wrapper = new KeyWrapper(key(1));

    @Test
    void unwrapGivesBackWhatWasWrapped() {
        byte[] wrapped = wrapper.wrap(SECRET, "yubin-dkim:example.test:s1");
        assertThat(wrapper.unwrap(wrapped, "yubin-dkim:example.test:s1")).isEqualTo(SECRET);
    }

    @Test
    void wrappedFormIsVersionNonceCiphertextAndTagWithoutThePlainBytes() {
        byte[] wrapped = wrapper.wrap(SECRET, "ctx");
        assertThat(wrapped).hasSize(1 + 12 + SECRET.length + 16);
        assertThat(wrapped[0]).isEqualTo((byte) 1);
        assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain("PKCS#8", "private key");
    }

    @Test
    void everyWrapUsesAFreshNonce() {
        byte[] first = wrapper.wrap(SECRET, "ctx");
        byte[] second = wrapper.wrap(SECRET, "ctx");
        assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void anotherContextDoesNotDecrypt() {
        byte[] wrapped = wrapper.wrap(SECRET, "yubin-dkim:example.test:s1");
        assertThatThrownBy(() -> wrapper.unwrap(wrapped, "yubin-dkim:other.test:s1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anotherMasterKeyDoesNotDecrypt() {
        byte[] wrapped = wrapper.wrap(SECRET, "ctx");
        assertThatThrownBy(() -> new KeyWrapper(key(2)).unwrap(wrapped, "ctx"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alteredBytesDoNotDecrypt() {
        byte[] wrapped = wrapper.wrap(SECRET, "ctx");
        for (int position : new int[] {5, 20, wrapped.length - 1}) {
            byte[] altered = wrapped.clone();
            altered[position] ^= 1;
            assertThatThrownBy(() -> wrapper.unwrap(altered, "ctx")).as("byte " + position)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unknownFormatOrTruncatedInputIsRefused() {
        byte[] wrapped = wrapper.wrap(SECRET, "ctx");
        byte[] otherVersion = wrapped.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> wrapper.unwrap(otherVersion, "ctx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wrapper.unwrap(Arrays.copyOf(wrapped, 20), "ctx"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> wrapper.unwrap(null, "ctx")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThatThrownBy(() -> new KeyWrapper(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyWrapper(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }
}
