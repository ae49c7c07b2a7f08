package dev.yubin.policy.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/auth}: SMTP AUTH, POP3 and IMAP logins of the other services (internal or
 * admin token). The 401 says nothing of why; the decision log does.
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
        return service.authenticate(request.username(), request.password(), request.clientAddress())
                .<ResponseEntity<?>>map(address -> ResponseEntity.ok(new AuthResponse(address)))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                            "Authentication failed");
                    problem.setTitle(HttpStatus.UNAUTHORIZED.getReasonPhrase());
                    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
                });
    }
}
