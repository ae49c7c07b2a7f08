package dev.yubin.policy.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.security.ApiTokens.Role;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void configuredTokensGrantTheirRoles() {
        ApiTokens tokens = new ApiTokens(new SecurityProperties("admin-secret", "internal-secret"));
        assertThat(tokens.roleOf("admin-secret")).contains(Role.ADMIN);
        assertThat(tokens.roleOf("internal-secret")).contains(Role.INTERNAL);
        assertThat(tokens.roleOf("admin-secre")).isEmpty();
        assertThat(tokens.roleOf("")).isEmpty();
        assertThat(tokens.roleOf(null)).isEmpty();
    }

    @Test
    void blankAdminTokenIsReplacedByARandomOne() {
        ApiTokens first = new ApiTokens(new SecurityProperties(" ", SecurityProperties.DEFAULT_INTERNAL_TOKEN));
        ApiTokens second = new ApiTokens(new SecurityProperties(null, SecurityProperties.DEFAULT_INTERNAL_TOKEN));
        assertThat(first.adminToken()).hasSizeGreaterThanOrEqualTo(40).isNotEqualTo(second.adminToken());
        assertThat(first.roleOf(first.adminToken())).contains(Role.ADMIN);
        assertThat(first.roleOf("")).isEmpty();
        assertThat(first.roleOf(" ")).isEmpty();
    }

    @Test
    void blankInternalTokenAcceptsNothing() {
        ApiTokens tokens = new ApiTokens(new SecurityProperties("admin-secret", ""));
        assertThat(tokens.roleOf("")).isEmpty();
        assertThat(tokens.roleOf(SecurityProperties.DEFAULT_INTERNAL_TOKEN)).isEmpty();
    }
}
