package dev.yubin.mda.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yubin.core.address.MailAddress;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final MailAddress BOB = MailAddress.parse("bob@example.test");

    @Test
    void ownerMayAccessOnlyTheirOwnMailboxWhateverTheCaseOfTheLocalPart() {
        Caller owner = new Caller.Owner(MailAddress.parse("Alice@Example.TEST"));

        assertThat(owner.mayAccess(MailAddress.parse("alice@example.test"))).isTrue();
        assertThat(owner.mayAccess(BOB)).isFalse();
    }

    @Test
    void adminMayAccessEveryMailbox() {
        assertThat(new Caller.Admin().mayAccess(BOB)).isTrue();
    }
}
