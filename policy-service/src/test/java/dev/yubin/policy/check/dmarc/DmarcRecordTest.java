package dev.yubin.policy.check.dmarc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.policy.check.dmarc.DmarcRecord.Disposition;
import org.junit.jupiter.api.Test;

class DmarcRecordTest {

    @Test
    void everyTagIsReadAndTheDefaultsFillTheRest() throws Exception {
        DmarcRecord full = DmarcRecord.parse("v=DMARC1; p=reject; sp=quarantine; adkim=s; aspf=s; pct=30; rua=mailto:d@example.org");
        assertThat(full).isEqualTo(new DmarcRecord(Disposition.REJECT, Disposition.QUARANTINE, Alignment.STRICT,
                Alignment.STRICT, 30));

        DmarcRecord minimal = DmarcRecord.parse("v=DMARC1;p=quarantine");
        assertThat(minimal).isEqualTo(new DmarcRecord(Disposition.QUARANTINE, Disposition.QUARANTINE,
                Alignment.RELAXED, Alignment.RELAXED, 100));
    }

    @Test
    void tagNamesAndValuesIgnoreCaseAndBlanksButTheVersionMustBeExact() throws Exception {
        assertThat(DmarcRecord.parse("v = DMARC1 ; P = Reject ; ADKIM = S ;").policy()).isEqualTo(Disposition.REJECT);
        assertThat(DmarcRecord.isDmarc("v=DMARC1; p=none")).isTrue();
        assertThat(DmarcRecord.isDmarc("v=dmarc1; p=none")).isFalse();
        assertThat(DmarcRecord.isDmarc("p=none; v=DMARC1")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
    }

    @Test
    void badOptionalValuesFallBackToTheirDefaults() throws Exception {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=reject; sp=maybe; adkim=x; aspf=; pct=250; foo=bar");
        assertThat(record).isEqualTo(new DmarcRecord(Disposition.REJECT, Disposition.REJECT, Alignment.RELAXED,
                Alignment.RELAXED, 100));
        assertThat(DmarcRecord.parse("v=DMARC1; p=none; pct=abc").percent()).isEqualTo(100);
    }

    @Test
    void withoutAValidPolicyARecordIsInvalidUnlessItAsksForReports() throws Exception {
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=drop")).hasMessageContaining("invalid p=drop");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1")).hasMessageContaining("no p= tag");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=reject; garbage")).hasMessageContaining("malformed");
        assertThat(DmarcRecord.parse("v=DMARC1; rua=mailto:d@example.org").policy()).isEqualTo(Disposition.NONE);
    }

    @Test
    void pctLeavesOutToTheNextMilderPolicy() {
        assertThat(Disposition.REJECT.milder()).isEqualTo(Disposition.QUARANTINE);
        assertThat(Disposition.QUARANTINE.milder()).isEqualTo(Disposition.NONE);
    }
}
