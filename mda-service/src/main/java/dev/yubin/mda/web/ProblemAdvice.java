package dev.yubin.mda.web;

import dev.yubin.core.address.AddressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 9457 problem detail: Spring's own (bad parameter, unknown
 * path, {@link org.springframework.web.ErrorResponseException}) through the base class, ours here.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(AddressException.class)
    ProblemDetail badAddress(AddressException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Not a mailbox address: " + e.getMessage());
    }

    /** Neither yes nor no: a 503 the client may retry, never a guess. */
    @ExceptionHandler(PolicyUnavailableException.class)
    ResponseEntity<ProblemDetail> policyUnavailable(PolicyUnavailableException e) {
        log.warn("Cannot check a password: {}", e.getMessage());
        return unavailable("The password cannot be checked right now");
    }

    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException e) {
        log.warn("Mailbox store unavailable: {}", e.getMessage());
        return unavailable("The mailbox store is unavailable right now");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }
}
