package dev.yubin.policy.postfix;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** One policy connection: requests and answers in turn until the peer closes, idles or misbehaves. */
final class PostfixSession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(PostfixSession.class);

    private final Socket socket;
    private final PostfixPolicy policy;
    private final PostfixPolicy.Memory memory = new PostfixPolicy.Memory();

    PostfixSession(Socket socket, PostfixPolicy policy) {
        this.socket = socket;
        this.policy = policy;
    }

    @Override
    public void run() {
        try (socket) {
            AttributeReader reader = new AttributeReader(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            Optional<Map<String, String>> request;
            while ((request = reader.next()).isPresent()) {
                String action = answer(request.get());
                out.write(("action=" + action + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (ProtocolViolation e) {
            log.info("closing policy connection from {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (SocketTimeoutException e) {
            log.debug("closing idle policy connection from {}", socket.getRemoteSocketAddress());
        } catch (IOException e) {
            log.debug("policy connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
        }
    }

    private String answer(Map<String, String> request) {
        String queueId = request.get("queue_id");
        if (queueId != null && !queueId.isBlank()) {
            MDC.put("queueId", queueId);
        }
        try {
            return policy.answer(request, memory);
        } catch (RuntimeException e) {
            log.error("policy request {} failed", queueId, e);
            return PostfixPolicy.unavailable();
        } finally {
            MDC.remove("queueId");
        }
    }
}
