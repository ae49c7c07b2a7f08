package dev.yubin.devstack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

class OutputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void tableColumnsAreAlignedWithoutTrailingBlanks() {
        String table = Output.table(List.of("address", "quota"),
                List.of(List.of("alice@example.test", "1024"), List.of("bob@example.test", "")));

        assertThat(table).isEqualTo("""
                ADDRESS             QUOTA
                alice@example.test  1024
                bob@example.test
                """);
    }

    @Test
    void aListOfObjectsBecomesATablePreferredColumnsFirstSecretsAndEmptyColumnsHidden() {
        JsonNode json = JSON.readTree("""
                [{"createdAt":"2026-01-01","address":"alice@example.test","passwordHash":"{bcrypt}x","quotaBytes":10,"limit":null},
                 {"address":"bob@example.test","quotaBytes":null,"limit":null}]""");

        String table = Output.jsonTable(json, List.of("address", "quotaBytes"));

        assertThat(table).isEqualTo("""
                ADDRESS             QUOTABYTES  CREATEDAT
                alice@example.test  10          2026-01-01
                bob@example.test
                """);
    }

    @Test
    void aPageOrAListOfStringsIsUnwrapped() {
        assertThat(Output.jsonTable(JSON.readTree("{\"content\":[{\"name\":\"example.test\"}],\"total\":1}"), List.of("name")))
                .isEqualTo("NAME\nexample.test\n");
        assertThat(Output.jsonTable(JSON.readTree("[\"a.test\",\"b.test\"]"), List.of("name")))
                .isEqualTo("NAME\na.test\nb.test\n");
        assertThat(Output.jsonTable(JSON.readTree("[]"), List.of("name"))).isEmpty();
        assertThat(Output.jsonTable(MissingNode.getInstance(), List.of("name"))).isEmpty();
    }

    @Test
    void arraysInACellAreCommaJoined() {
        String table = Output.jsonTable(JSON.readTree(
                "[{\"address\":\"all@example.test\",\"targets\":[\"a@example.test\",\"b@example.test\"]}]"),
                List.of("address", "targets"));

        assertThat(table).isEqualTo("ADDRESS           TARGETS\nall@example.test  a@example.test, b@example.test\n");
    }

    @Test
    void longDkimRecordsAreSplitIntoStringsOf255() {
        String txt = "v=DKIM1; k=rsa; p=" + "A".repeat(400);

        String line = Output.zoneFileLine("s1._domainkey.example.test", txt);

        assertThat(line).startsWith("s1._domainkey.example.test. IN TXT ( \"v=DKIM1; k=rsa; p=A")
                .endsWith("\" )");
        List<String> strings = List.of(line.substring(line.indexOf('(') + 2, line.lastIndexOf(')') - 1).split(" (?=\")"));
        assertThat(strings).hasSize(2);
        assertThat(strings.get(0)).hasSize(257);
        assertThat(String.join("", strings).replace("\"", "")).isEqualTo(txt);
    }

    @Test
    void sizesAcceptBinarySuffixes() {
        assertThat(Output.parseSize("1048576")).isEqualTo(1_048_576L);
        assertThat(Output.parseSize("512k")).isEqualTo(524_288L);
        assertThat(Output.parseSize("100M")).isEqualTo(104_857_600L);
        assertThat(Output.parseSize("2G")).isEqualTo(2_147_483_648L);
        assertThatThrownBy(() -> Output.parseSize("lots")).isInstanceOf(CliException.class).hasMessageContaining("not a size");
        assertThatThrownBy(() -> Output.parseSize("-1")).isInstanceOf(CliException.class);
    }

    @Test
    void pathSegmentsAreEncoded() {
        assertThat(Output.segment("alice+tag@example.test")).isEqualTo("alice%2Btag%40example.test");
        assertThat(Output.segment("a b/c")).isEqualTo("a%20b%2Fc");
    }

    @Test
    void problemDetailsShowTheirDetailElseTitleElseStatus() {
        assertThat(ApiClient.problemMessage(409, JSON.readTree("{\"title\":\"Conflict\",\"detail\":\"domain example.test exists\"}")))
                .isEqualTo("domain example.test exists");
        assertThat(ApiClient.problemMessage(403, JSON.readTree("{\"title\":\"Forbidden\",\"status\":403}")))
                .isEqualTo("Forbidden (HTTP 403)");
        assertThat(ApiClient.problemMessage(404, MissingNode.getInstance())).isEqualTo("HTTP 404 Not Found");
    }

    @Test
    void dkimAnswerSaysWhatToPublishWhere() {
        String text = DkimCommand.describe("example.test",
                JSON.readTree("{\"domain\":\"example.test\",\"selector\":\"y2026\",\"txt\":\"v=DKIM1; k=rsa; p=MIIB\"}"));

        assertThat(text).contains("selector y2026")
                .contains("publish a TXT record at y2026._domainkey.example.test with the value:\nv=DKIM1; k=rsa; p=MIIB\n")
                .contains("y2026._domainkey.example.test. IN TXT ( \"v=DKIM1; k=rsa; p=MIIB\" )");
    }

    @Test
    void traceShowsItsFieldsThenItsEvents() {
        String text = TraceCommand.format("Q1", JSON.readTree("""
                {"queueId":"Q1","events":[
                  {"time":"10:00:00","type":"accepted","service":"mta-service"},
                  {"time":"10:00:01","type":"delivered","service":"mda-service","recipient":"a@example.test"}]}"""));

        assertThat(text).isEqualTo("""
                queueId: Q1
                TIME      TYPE       SERVICE      RECIPIENT
                10:00:00  accepted   mta-service
                10:00:01  delivered  mda-service  a@example.test
                """);
        assertThat(TraceCommand.format("Q2", JSON.readTree("[]"))).isEqualTo("no events for Q2\n");
    }
}
