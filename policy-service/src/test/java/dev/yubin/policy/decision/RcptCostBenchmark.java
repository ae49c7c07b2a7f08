package dev.yubin.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.policy.support.Api;
import dev.yubin.policy.support.PolicyServiceIT;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one RCPT question costs, over real HTTP against a real PostgreSQL: wall time, CPU of this
 * JVM (service and HTTP client together) and CPU of the PostgreSQL server processes, per request.
 * A measurement, not a timed assertion: it prints the numbers, and asserts only that every answer
 * was right. Run it with {@code -Dit.test=RcptCostBenchmark} (its name keeps it out of {@code mvn verify}: a measurement, not a test).
 */
@PolicyServiceIT
class RcptCostBenchmark {

    private static final int WARM_UP = 500;
    private static final int MEASURED = 2000;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void printCostOfRcptQuestions() throws IOException {
        Api admin = Api.onPort(port);
        Api mta = admin.withToken(Api.INTERNAL_TOKEN);
        String domain = Api.uniqueDomain();
        admin.post("/api/v1/domains", Map.of("name", domain));
        admin.post("/api/v1/accounts", Map.of("address", "alice@" + domain, "password", "password alice"));
        admin.post("/api/v1/aliases", Map.of("address", "team@" + domain, "targets", List.of("alice@" + domain)));
        List<String> recipients = List.of("alice@" + domain, "team@" + domain, "nobody@" + domain);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String dataDirectory = jdbc.queryForObject(
                "select setting from pg_settings where name = 'data_directory'", String.class);
        long postmaster = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).strip());

        ask(mta, recipients, WARM_UP);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jvmCpu0 = os.getProcessCpuTime();
        long pgCpu0 = childrenCpuTicks(postmaster);
        long[] nanos = ask(mta, recipients, MEASURED);
        long jvmCpu = os.getProcessCpuTime() - jvmCpu0;
        long pgTicks = childrenCpuTicks(postmaster) - pgCpu0;

        Arrays.sort(nanos);
        double tickMs = 10.0; // USER_HZ is 100 on Linux
        System.out.printf("RCPT x %d: median %.2f ms, p90 %.2f ms, p99 %.2f ms; JVM CPU %.2f ms/request;"
                        + " PostgreSQL CPU %.2f ms/request%n", MEASURED, nanos[MEASURED / 2] / 1e6,
                nanos[MEASURED * 9 / 10] / 1e6, nanos[MEASURED * 99 / 100] / 1e6, jvmCpu / 1e6 / MEASURED,
                pgTicks * tickMs / MEASURED);
        assertThat(nanos[0]).isPositive();
    }

    /** Asks {@code count} RCPT questions, cycling through the recipients; each answer is checked. */
    private static long[] ask(Api mta, List<String> recipients, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            String recipient = recipients.get(i % recipients.size());
            Map<String, Object> request = new HashMap<>();
            request.put("stage", "RCPT");
            request.put("queueId", "Q" + i);
            request.put("clientAddress", "192.0.2.10");
            request.put("helo", "client.example");
            request.put("sender", "sender@remote.example");
            request.put("recipient", recipient);
            long start = System.nanoTime();
            Api.Response response = mta.post("/api/v1/policy/check", request);
            nanos[i] = System.nanoTime() - start;
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("smtpCode").asInt()).isEqualTo(recipient.startsWith("nobody") ? 550 : 250);
        }
        return nanos;
    }

    /** utime + stime of the postmaster's live children (the backends), in clock ticks; Linux only. */
    private static long childrenCpuTicks(long postmaster) throws IOException {
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (IOException e) {
                    continue; // the process ended meanwhile
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ppid = Long.parseLong(fields[1]);
                long pid = Long.parseLong(proc.getFileName().toString());
                if (ppid == postmaster || pid == postmaster) {
                    total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        }
        return total;
    }
}
