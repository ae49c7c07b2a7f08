package dev.yubin.policy.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole service on a random port, against a real PostgreSQL, with known tokens. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "yubin.security.admin-token=" + Api.ADMIN_TOKEN,
        "yubin.security.internal-token=" + Api.INTERNAL_TOKEN})
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public @interface PolicyServiceIT {}
