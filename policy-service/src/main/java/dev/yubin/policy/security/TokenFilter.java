package dev.yubin.policy.security;

import dev.yubin.policy.security.ApiTokens.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.ObjectMapper;

/**
 * Bearer-token gate in front of every request. Closed by default: only the probes, metrics and
 * the API description are open; the internal token reaches the service-to-service calls; the
 * admin token reaches everything but DKIM signing, which is the submission service's alone (an
 * operator has no reason to sign, and a leaked admin token must not become a signing oracle).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TokenFilter extends OncePerRequestFilter {

    private static final Set<String> OPEN_PATHS = Set.of(
            "/actuator/health", "/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/swagger-ui.html");
    private static final Set<String> OPEN_PREFIXES = Set.of("/actuator/health/", "/v3/api-docs/", "/swagger-ui/");
    /** What the other services call (any method unless one is named); the admin token reaches these too. */
    private static final List<Route> INTERNAL_ROUTES = List.of(
            Route.of(null, "/api/v1/auth"),
            Route.of(null, "/api/v1/policy/check"),
            // The MTA reports the end of the sessions the connection concurrency limit counts.
            Route.of("POST", "/api/v1/policy/sessions/ended"),
            Route.of("GET", "/api/v1/accounts/{address}/senders"),
            Route.of("GET", "/api/v1/dkim/{domain}"),
            // The MTA's relay reports a hard bounce (5.1.x); listing and removing stay the admin's.
            Route.of("POST", "/api/v1/suppressions"));
    /** For the internal token only. */
    private static final List<Route> INTERNAL_ONLY_ROUTES = List.of(
            Route.of(null, "/api/v1/dkim/{domain}/signatures"));
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
        } else if (matches(INTERNAL_ONLY_ROUTES, request.getMethod(), path)) {
            if (role.get() == Role.INTERNAL) {
                chain.doFilter(request, response);
            } else {
                reject(response, request, HttpStatus.FORBIDDEN, "This call is for the services' internal token only");
            }
        } else if (role.get() == Role.INTERNAL && !matches(INTERNAL_ROUTES, request.getMethod(), path)) {
            reject(response, request, HttpStatus.FORBIDDEN, "This call needs the admin token");
        } else {
            chain.doFilter(request, response);
        }
    }

    /** A method (null: any) and a path pattern, matched against the decoded, normalised path. */
    private record Route(String method, PathPattern pattern) {

        static Route of(String method, String pattern) {
            return new Route(method, PathPatternParser.defaultInstance.parse(pattern));
        }
    }

    private static boolean matches(List<Route> routes, String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return routes.stream().anyMatch(route -> (route.method() == null || route.method().equalsIgnoreCase(method))
                && route.pattern().matches(container));
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
