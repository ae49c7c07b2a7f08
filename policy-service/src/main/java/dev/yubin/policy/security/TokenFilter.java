package dev.yubin.policy.security;

import dev.yubin.policy.security.ApiTokens.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Bearer-token gate in front of every request. Closed by default: only the probes, metrics and
 * the API description are open; the internal token reaches the two service-to-service calls;
 * the admin token reaches everything.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TokenFilter extends OncePerRequestFilter {

    private static final Set<String> OPEN_PATHS = Set.of(
            "/actuator/health", "/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/swagger-ui.html");
    private static final Set<String> OPEN_PREFIXES = Set.of("/actuator/health/", "/v3/api-docs/", "/swagger-ui/");
    private static final Set<String> INTERNAL_PATHS = Set.of("/api/v1/auth", "/api/v1/policy/check");
    private static final String BEARER = "bearer ";

    private final ApiTokens tokens;
    private final ObjectMapper json;

    TokenFilter(ApiTokens tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The servlet path is decoded and normalised by the container, as the dispatcher sees it.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Role> role = tokens.roleOf(bearerToken(request));
        if (role.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"yubin\"");
            reject(response, request, HttpStatus.UNAUTHORIZED, "A valid bearer token is required");
        } else if (role.get() == Role.INTERNAL && !INTERNAL_PATHS.contains(path)) {
            reject(response, request, HttpStatus.FORBIDDEN, "This call needs the admin token");
        } else {
            chain.doFilter(request, response);
        }
    }

    private static boolean isOpen(String path) {
        return OPEN_PATHS.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).strip();
    }

    private void reject(HttpServletResponse response, HttpServletRequest request, HttpStatus status, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
