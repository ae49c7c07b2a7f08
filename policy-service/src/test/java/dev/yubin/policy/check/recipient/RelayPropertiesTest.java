package dev.yubin.policy.check.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class RelayPropertiesTest {

    @Test
    void defaultIsNobody() {
        assertThat(new RelayProperties(null).cidrs()).isEmpty();
    }

    @Test
    void badNetworkStopsStartupWithThePropertyName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RelayProperties(List.of("192.0.2.0/24", "192.0.2.300/24")))
                .withMessageContaining("yubin.mta.relay-networks")
                .withMessageContaining("192.0.2.300/24");
    }

    @Test
    void mixedFamiliesAreAccepted() {
        assertThat(new RelayProperties(List.of("192.0.2.0/24", "2001:db8::/32")).cidrs()).hasSize(2);
    }
}
