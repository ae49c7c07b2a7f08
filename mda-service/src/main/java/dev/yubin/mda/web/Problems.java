package dev.yubin.mda.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The RFC 9457 problems this API answers with; thrown, rendered by {@link ProblemAdvice}. */
final class Problems {

    static final String CHALLENGE = "Basic realm=\"yubin\"";

    private Problems() {}

    static ErrorResponseException unauthorized() {
        ErrorResponseException problem = problem(HttpStatus.UNAUTHORIZED,
                "Send the admin token as a Bearer token, or the mailbox address and password with Basic");
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        return problem;
    }

    static ErrorResponseException forbidden() {
        return problem(HttpStatus.FORBIDDEN, "You may read your own mailbox only");
    }

    static ErrorResponseException messageNotFound(long id) {
        return problem(HttpStatus.NOT_FOUND, "No message " + id + " in this mailbox");
    }

    static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
