package dev.yubin.mda.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /api/**} request before its handler runs and leaves the
 * {@link Caller} in a request attribute. Each handler then decides which mailbox the caller
 * may touch. Being an interceptor (not a filter), its refusals become problem details through
 * {@link ProblemAdvice} like every other error.
 */
class AuthInterceptor implements HandlerInterceptor {

    private final Authenticator authenticator;

    AuthInterceptor(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), request.getRemoteAddr());
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return true;
    }
}
