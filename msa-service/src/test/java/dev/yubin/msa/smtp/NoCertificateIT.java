package dev.yubin.msa.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.yubin.msa.MsaApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Submission without TLS is pointless: without a certificate the MSA does not start, and says why. */
class NoCertificateIT {

    @Test
    void withoutACertificateTheServiceRefusesToStart() {
        SpringApplication msa = new SpringApplication(MsaApplication.class);
        msa.setWebApplicationType(WebApplicationType.NONE);

        Throwable failure = catchThrowable(() -> msa.run("--yubin.msa.submission-port=0",
                "--yubin.msa.submissions-port=0", "--yubin.msa.bind-address=127.0.0.1",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9"));

        assertThat(failure).rootCause()
                .hasMessageContaining("The MSA needs TLS")
                .hasMessageContaining("spring.ssl.bundle.pem.smtp.keystore.certificate");
    }
}
