package dev.yubin.policy.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.postfix.PostfixProperties.AcceptAction;
import dev.yubin.policy.support.PostfixClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The listener alone: no request is answered here, so it has no engine. */
class PostfixPolicyServerTest {

    private static PostfixPolicyServer server(int port, int maxConnections) {
        PostfixProperties properties = new PostfixProperties(true, port, "127.0.0.1", maxConnections,
                Duration.ofMinutes(1), AcceptAction.DUNNO);
        return new PostfixPolicyServer(properties, new PostfixPolicy(null, properties));
    }

    @Test
    void aTakenPortLeavesTheServiceRunningWithoutTheListener() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            PostfixPolicyServer server = server(taken.getLocalPort(), 10);
            server.start();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.port()).isEqualTo(-1);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAndStopClosesTheRest() {
        PostfixPolicyServer server = server(0, 1);
        server.start();
        try (PostfixClient first = PostfixClient.connect(server.port());
             PostfixClient second = PostfixClient.connect(server.port())) {
            assertThat(second.isClosedByServer()).isTrue();
            server.stop();
            assertThat(first.isClosedByServer()).isTrue();
            assertThat(server.isRunning()).isFalse();
        } finally {
            server.stop();
        }
    }
}
