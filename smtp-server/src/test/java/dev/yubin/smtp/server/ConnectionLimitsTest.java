package dev.yubin.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.smtp.SmtpReply;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConnectionLimitsTest {

    private final InetAddress a = address("192.0.2.1");
    private final InetAddress b = address("192.0.2.2");

    @Test
    void refusesTheConnectionOverThePerAddressLimitWith421() {
        ConnectionLimits limits = new ConnectionLimits(100, 2);

        assertThat(limits.tryOpen(a)).isEmpty();
        assertThat(limits.tryOpen(a)).isEmpty();
        assertThat(limits.tryOpen(a)).contains(SmtpReply.TOO_MANY_CONNECTIONS);
        assertThat(limits.tryOpen(b)).isEmpty();
        assertThat(limits.open(a)).isEqualTo(2);
        assertThat(limits.open()).isEqualTo(3);
    }

    @Test
    void aClosedConnectionMakesRoomAndForgetsTheAddressAtZero() {
        ConnectionLimits limits = new ConnectionLimits(100, 1);
        limits.tryOpen(a);

        limits.close(a);

        assertThat(limits.open(a)).isZero();
        assertThat(limits.open()).isZero();
        assertThat(limits.tryOpen(a)).isEmpty();
    }

    @Test
    void refusesOverTheTotalLimit() {
        ConnectionLimits limits = new ConnectionLimits(2, 5);
        limits.tryOpen(a);
        limits.tryOpen(b);

        assertThat(limits.tryOpen(address("192.0.2.3"))).contains(SmtpReply.TOO_MANY_CONNECTIONS);
        assertThat(limits.open()).isEqualTo(2);
    }

    @Test
    void aCloseWithoutOpenChangesNothing() {
        ConnectionLimits limits = new ConnectionLimits(2, 2);
        limits.tryOpen(a);

        limits.close(b);

        assertThat(limits.open()).isEqualTo(1);
    }

    @Test
    void concurrentOpensNeverExceedTheLimit() throws Exception {
        ConnectionLimits limits = new ConnectionLimits(1000, 50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                attempts.add(() -> limits.tryOpen(a).isEmpty());
            }
            long admitted = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                admitted += result.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(50);
            assertThat(limits.open(a)).isEqualTo(50);
            assertThat(limits.open()).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
