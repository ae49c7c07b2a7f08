package dev.yubin.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.address.ReversePath;
import dev.yubin.core.envelope.Envelope;
import dev.yubin.core.envelope.QueueId;
import dev.yubin.core.envelope.Recipient;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.smtp.server.SmtpClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionTest {

    private static final Instant AT = Instant.parse("2026-11-28T14:08:00Z");
    private final Transaction tx = new Transaction(new QueueId("01J9ZQ4K7M0000000000"),
            new SmtpClient("192.0.2.10", "client.example.org", Optional.empty()));

    @Test
    void envelopeCarriesTheSessionAndEveryResolvedRecipientWithItsOriginal() {
        tx.sender(ReversePath.parse("<sender@remote.example>"));
        tx.addRecipient(address("team@example.test"), List.of(local("alice@example.test"), remote("carol@remote.example")));

        Envelope envelope = tx.envelope(AT);

        assertThat(envelope.queueId().value()).isEqualTo("01J9ZQ4K7M0000000000");
        assertThat(envelope.sender().address()).isEqualTo("sender@remote.example");
        assertThat(envelope.clientAddress()).isEqualTo("192.0.2.10");
        assertThat(envelope.helo()).isEqualTo("client.example.org");
        assertThat(envelope.receivedAt()).isEqualTo(AT);
        assertThat(envelope.authenticatedUser()).isEmpty();
        assertThat(envelope.recipients()).containsExactly(
                new Recipient(address("alice@example.test"), address("team@example.test")),
                new Recipient(address("carol@remote.example"), address("team@example.test")));
    }

    @Test
    void mailboxReachedDirectlyAndThroughAnAliasIsKeptOnceWithTheFirstOriginal() {
        tx.addRecipient(address("Alice@example.test"), List.of(local("alice@example.test")));
        tx.addRecipient(address("team@example.test"), List.of(local("ALICE@example.test"), local("bob@example.test")));

        assertThat(tx.localRecipients()).containsExactly(
                new Recipient(address("alice@example.test"), address("Alice@example.test")),
                new Recipient(address("bob@example.test"), address("team@example.test")));
        assertThat(tx.acceptedRecipients()).isEqualTo(2);
        assertThat(tx.singleRecipient()).isEmpty();
    }

    @Test
    void remoteRecipientsAreGroupedByDomainAndLocalOnesKeptApart() {
        tx.addRecipient(address("a@one.example"), List.of(remote("a@one.example")));
        tx.addRecipient(address("b@two.example"), List.of(remote("b@two.example")));
        tx.addRecipient(address("c@one.example"), List.of(remote("c@one.example")));
        tx.addRecipient(address("d@example.test"), List.of(local("d@example.test")));

        assertThat(tx.remoteRecipientsByDomain()).containsOnlyKeys("one.example", "two.example");
        assertThat(tx.remoteRecipientsByDomain().get("one.example")).extracting(r -> r.address().toString())
                .containsExactly("a@one.example", "c@one.example");
        assertThat(tx.localRecipients()).extracting(r -> r.address().toString()).containsExactly("d@example.test");
    }

    @Test
    void oneRecipientIsNamedInTheReceivedHeader() {
        tx.addRecipient(address("alias@example.test"), List.of(local("a@example.test"), local("b@example.test")));

        assertThat(tx.singleRecipient()).contains(address("alias@example.test"));
    }

    @Test
    void anUnparseableResolvedAddressRecordsNothing() {
        assertThatThrownBy(() -> tx.addRecipient(address("x@example.test"), List.of(local("x@example.test"), local("not an address"))))
                .isInstanceOf(AddressException.class);

        assertThat(tx.acceptedRecipients()).isZero();
        assertThat(tx.localRecipients()).isEmpty();
    }

    private static MailAddress address(String address) {
        return MailAddress.parse(address);
    }

    private static ResolvedRecipient local(String address) {
        return new ResolvedRecipient(address, true);
    }

    private static ResolvedRecipient remote(String address) {
        return new ResolvedRecipient(address, false);
    }
}
