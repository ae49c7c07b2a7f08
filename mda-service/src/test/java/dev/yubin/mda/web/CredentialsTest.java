package dev.yubin.mda.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void bearerToken() {
        assertThat(Credentials.parse("Bearer abc.def")).contains(new Credentials.Bearer("abc.def"));
        assertThat(Credentials.parse("bearer   abc")).contains(new Credentials.Bearer("abc"));
    }

    @Test
    void basicSplitsAtTheFirstColonAndReadsUtf8() {
        assertThat(Credentials.parse("Basic " + base64("alice@example.test:pa:ss wörd")))
                .contains(new Credentials.Basic("alice@example.test", "pa:ss wörd"));
        assertThat(Credentials.parse("BASIC " + base64("bob@example.test:")))
                .contains(new Credentials.Basic("bob@example.test", ""));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThat(Credentials.parse(null)).isEmpty();
        assertThat(Credentials.parse("")).isEmpty();
        assertThat(Credentials.parse("Bearer")).isEmpty();
        assertThat(Credentials.parse("Bearer ")).isEmpty();
        assertThat(Credentials.parse("Basic not*base64")).isEmpty();
        assertThat(Credentials.parse("Basic " + base64("no-colon"))).isEmpty();
        assertThat(Credentials.parse("Basic " + base64(":password-without-user"))).isEmpty();
        assertThat(Credentials.parse("Digest username=\"x\"")).isEmpty();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new Credentials.Basic("alice", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(new Credentials.Bearer("t0ken").toString()).doesNotContain("t0ken");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
