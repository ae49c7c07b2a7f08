package dev.yubin.policy.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.dns.ReverseDns.Status;
import dev.yubin.core.fixtures.TestDnsServer;
import dev.yubin.policy.support.TestLookups;
import java.net.InetAddress;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReverseDnsTest {

    private final TestDnsServer dns = TestDnsServer.start();
    private final ReverseDns reverse = new ReverseDns(TestLookups.of(dns, Clock.systemUTC()));

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void ptrThatResolvesBackPasses() throws Exception {
        dns.ptr("192.0.2.10", "mx.good.test").a("mx.good.test", "192.0.2.10");
        dns.ptr("2001:db8::10", "mx6.good.test").aaaa("mx6.good.test", "2001:db8::10");

        ReverseDns.Result v4 = reverse.verify(InetAddress.getByName("192.0.2.10"));
        assertThat(v4.status()).isEqualTo(Status.PASS);
        assertThat(v4.confirmed()).contains("mx.good.test");
        assertThat(reverse.verify(InetAddress.getByName("2001:db8::10")).confirmed()).contains("mx6.good.test");
    }

    @Test
    void secondPtrNameMayBeTheConfirmedOne() throws Exception {
        dns.ptr("192.0.2.11", "stale.good.test").ptr("192.0.2.11", "mx2.good.test").a("mx2.good.test", "192.0.2.11");
        assertThat(reverse.verify(InetAddress.getByName("192.0.2.11")).confirmed()).contains("mx2.good.test");
    }

    @Test
    void missingMismatchedAndUnansweredPtr() throws Exception {
        dns.ptr("192.0.2.12", "liar.bad.test").a("liar.bad.test", "192.0.2.99");
        dns.ptr("192.0.2.13", "nowhere.bad.test");
        dns.silence("14.2.0.192.in-addr.arpa");

        assertThat(reverse.verify(InetAddress.getByName("192.0.2.20")).status()).isEqualTo(Status.NO_PTR);
        ReverseDns.Result mismatch = reverse.verify(InetAddress.getByName("192.0.2.12"));
        assertThat(mismatch.status()).isEqualTo(Status.MISMATCH);
        assertThat(mismatch.detail()).contains("liar.bad.test", "192.0.2.99");
        assertThat(reverse.verify(InetAddress.getByName("192.0.2.13")).status()).isEqualTo(Status.MISMATCH);
        assertThat(reverse.verify(InetAddress.getByName("192.0.2.14")).status()).isEqualTo(Status.TEMPFAIL);
    }
}
