package dev.yubin.policy.postfix;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The TCP listener of the Postfix policy delegation protocol ({@code yubin.policy.postfix.*}):
 * one thread per connection, at most {@code max-connections}; a connection beyond that is closed
 * at once. Started with the application context, stopped before it closes. A port that cannot be
 * bound is logged as an ERROR and leaves the rest of the service running.
 */
@Component
public class PostfixPolicyServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostfixPolicyServer.class);

    private final PostfixProperties properties;
    private final PostfixPolicy policy;
    private volatile ServerSocket server;
    private volatile ThreadPoolExecutor workers;
    private volatile Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    PostfixPolicyServer(PostfixProperties properties, PostfixPolicy policy) {
        this.properties = properties;
        this.policy = policy;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || isRunning()) {
            return;
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(properties.bindAddress()), properties.port()), 50);
            server = socket;
        } catch (IOException e) {
            closeQuietly(socket);
            // The MTAs of Yubin ask over REST; a port taken by another process must not take the
            // directory and every decision down with it. Postfix then logs "policy service unavailable".
            log.error("cannot listen for Postfix policy requests on {}:{}; the policy protocol is off: {}",
                    properties.bindAddress(), properties.port(), e.toString());
            return;
        }
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(0, properties.maxConnections(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "postfix-policy-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        acceptor = new Thread(this::acceptLoop, "postfix-policy-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        log.info("Postfix policy delegation listening on {}", server.getLocalSocketAddress());
    }

    /** The port actually bound (the configured one, or the free one picked for port 0); -1 when not listening. */
    public int port() {
        ServerSocket socket = server;
        return socket == null ? -1 : socket.getLocalPort();
    }

    private void acceptLoop() {
        ServerSocket socket = server;
        while (!socket.isClosed()) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("accepting a policy connection failed", e);
                }
                continue;
            }
            try {
                connection.setSoTimeout((int) Math.min(Integer.MAX_VALUE, properties.idleTimeout().toMillis()));
                PostfixSession session = new PostfixSession(connection, policy);
                open.add(connection);
                workers.execute(() -> {
                    try {
                        session.run();
                    } finally {
                        open.remove(connection);
                    }
                });
            } catch (RejectedExecutionException | IOException e) {
                log.warn("refusing policy connection from {}: {} connections busy",
                        connection.getRemoteSocketAddress(), properties.maxConnections());
                open.remove(connection);
                closeQuietly(connection);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the policy listener", e);
        }
        // A session blocked in a read ends only when its socket closes.
        open.forEach(PostfixPolicyServer::closeQuietly);
        workers.shutdownNow();
        server = null;
    }

    @Override
    public boolean isRunning() {
        return server != null && !server.isClosed();
    }

    private static void closeQuietly(Closeable socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
    }
}
