package dev.yubin.policy.check.recipient;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.ResolvedRecipient;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.net.Cidr;
import dev.yubin.policy.net.IpLiterals;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * RCPT in a foreign domain (after {@link LocalRecipientCheck} passed on it): relayed only for an
 * authenticated submission or a client inside {@code yubin.mta.relay-networks}; else 554 5.7.1.
 */
@Component
@Order(200)
class RelayCheck implements Check {

    private final List<Cidr> relayNetworks;

    RelayCheck(RelayProperties properties) {
        this.relayNetworks = properties.cidrs();
    }

    @Override
    public String name() {
        return "relay";
    }

    @Override
    public Stage stage() {
        return Stage.RCPT;
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        MailAddress recipient;
        try {
            recipient = RecipientPaths.parse(request.recipient());
        } catch (AddressException e) {
            return Verdict.dunno("recipient is not a mailbox");
        }
        List<ResolvedRecipient> remote = List.of(new ResolvedRecipient(recipient.toString(), false));
        if (request.saslUsername() != null && !request.saslUsername().isBlank()) {
            return Verdict.accept(SmtpReply.RECIPIENT_OK,
                    "relay to " + recipient + " for authenticated user " + request.saslUsername(), remote);
        }
        Optional<InetAddress> client = IpLiterals.parse(request.clientAddress());
        Optional<Cidr> network = client.flatMap(ip -> relayNetworks.stream().filter(n -> n.contains(ip)).findFirst());
        if (network.isPresent()) {
            return Verdict.accept(SmtpReply.RECIPIENT_OK, "relay to " + recipient + ": client "
                    + request.clientAddress() + " is in relay network " + network.get(), remote);
        }
        return Verdict.reject(SmtpReply.RELAY_DENIED, recipient.domain() + " is not a local domain and client "
                + request.clientAddress() + " is neither authenticated nor in yubin.mta.relay-networks");
    }
}
