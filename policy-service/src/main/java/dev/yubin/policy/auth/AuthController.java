package dev.yubin.policy.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth}: SMTP AUTH, POP3 and IMAP logins of the other services (internal or
 * admin token). 200 with the address; 401 when the credentials are wrong; 429 with
 * {@code Retry-After} (and {@code retryAfterSeconds}) while the client or the account is
 * throttled, whatever the password — a listener answers that with {@code 454 4.7.0}. Neither
 * refusal says why; the decision log does.
 */
@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    record AuthRequest(@NotNull @Size(max = 320) String username,
                       @NotNull @Size(max = 1024) String password,
                       String clientAddress) {
        @Override
        public String toString() {
            return "AuthRequest[username=" + username + ", clientAddress=" + clientAddress + "]";
        }
    }

    record AuthResponse(String address) {}

    private final AuthService service;

    AuthController(AuthService service) {
        this.service = service;
    }

    @PostMapping
    ResponseEntity<?> authenticate(@Valid @RequestBody AuthRequest request) {
        AuthService.Outcome outcome =
                service.authenticate(request.username(), request.password(), request.clientAddress());
        if (outcome instanceof AuthService.Outcome.Accepted accepted) {
            return ResponseEntity.ok(new AuthResponse(accepted.address()));
        }
        if (outcome instanceof AuthService.Outcome.Throttled throttled) {
            ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins; try again later");
            problem.setProperty("retryAfterSeconds", throttled.retryAfterSeconds());
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()))
                    .body(problem);
        }
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .body(problem(HttpStatus.UNAUTHORIZED, "Authentication failed"));
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
