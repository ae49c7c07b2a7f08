package dev.yubin.msa.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.yubin.msa.config.MsaProperties;
import dev.yubin.msa.policy.DkimKeyClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

/** RemoteSigner alone: the policy service's DKIM endpoints are a stand-in (DkimKeyClientTest reads them off HTTP). */
class RemoteSignerTest {

    private final DkimKeyClient keys = mock(DkimKeyClient.class);
    private final MovableClock clock = new MovableClock();
    private final RemoteSigner signer = new RemoteSigner(keys, clock, properties(Duration.ofSeconds(60)));

    private static final String RSA = SigningKey.RSA_SHA256;
    private static final String ED25519 = SigningKey.ED25519_SHA256;

    @Test
    void theKeysAreAskedForOncePerMinuteAndADomainWithoutAKeyToo() {
        when(keys.activeSelector("example.test", RSA)).thenReturn(Optional.of("sel1"), Optional.of("sel2"));
        when(keys.activeSelector("example.test", ED25519)).thenReturn(Optional.empty(), Optional.of("ed1"));
        when(keys.activeSelector("other.example", RSA)).thenReturn(Optional.empty());
        when(keys.activeSelector("other.example", ED25519)).thenReturn(Optional.empty());

        assertThat(signer.keys("example.test")).containsExactly(new SigningKey(RSA, "sel1"));
        assertThat(signer.keys("other.example")).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(signer.keys("example.test")).containsExactly(new SigningKey(RSA, "sel1"));
        assertThat(signer.keys("other.example")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(signer.keys("example.test")).containsExactly(new SigningKey(RSA, "sel2"), new SigningKey(ED25519, "ed1"));

        verify(keys, times(2)).activeSelector("example.test", RSA);
        verify(keys, times(1)).activeSelector("other.example", RSA);
    }

    @Test
    void noAnswerIsASigningFailureAndAFailedSignatureForgetsTheKeys() {
        when(keys.activeSelector("example.test", ED25519)).thenReturn(Optional.empty());
        when(keys.activeSelector("example.test", RSA)).thenThrow(new ResourceAccessException("refused"))
                .thenReturn(Optional.of("sel"));
        SigningKey key = new SigningKey(RSA, "sel");
        when(keys.sign("example.test", "sel", RSA, new byte[] {1})).thenThrow(new ResourceAccessException("refused"));

        assertThatThrownBy(() -> signer.keys("example.test")).isInstanceOf(SigningException.class);
        assertThat(signer.keys("example.test")).containsExactly(key);
        assertThatThrownBy(() -> signer.sign("example.test", key, new byte[] {1})).isInstanceOf(SigningException.class);
        when(keys.activeSelector("example.test", RSA)).thenReturn(Optional.of("rotated"));
        assertThat(signer.keys("example.test")).containsExactly(new SigningKey(RSA, "rotated"));
    }

    private static MsaProperties properties(Duration ttl) {
        return new MsaProperties(587, 465, "0.0.0.0", null, 1000, 50, 10, Duration.ofMinutes(5), Duration.ofSeconds(20),
                new MsaProperties.Tls("smtp"), new MsaProperties.Received(false), new MsaProperties.Dkim(ttl));
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T14:08:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
