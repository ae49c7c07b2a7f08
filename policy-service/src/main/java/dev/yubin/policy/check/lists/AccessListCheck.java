package dev.yubin.policy.check.lists;

import dev.yubin.core.policy.PolicyRequest;
import dev.yubin.core.policy.Stage;
import dev.yubin.core.smtp.SmtpReply;
import dev.yubin.policy.check.lists.AccessLists.Match;
import dev.yubin.policy.decision.Check;
import dev.yubin.policy.decision.Verdict;
import dev.yubin.policy.dns.ReverseDns;
import dev.yubin.policy.net.IpLiterals;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * CONNECT, first: an allow-listed client is accepted and the other CONNECT checks are skipped; a
 * block-listed one gets 554 5.7.1 with a generic text (dropped or refused, per
 * {@code yubin.policy.lists.block-action}). Domain entries match the client's forward-confirmed
 * reverse name only, never a name the client or its PTR merely claims.
 */
@Component
@Order(10)
class AccessListCheck implements Check {

    private final AccessLists lists;
    private final ReverseDns reverseDns;
    private final ListsProperties properties;

    AccessListCheck(AccessLists lists, ReverseDns reverseDns, ListsProperties properties) {
        this.lists = lists;
        this.reverseDns = reverseDns;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "lists";
    }

    @Override
    public Stage stage() {
        return Stage.CONNECT;
    }

    @Override
    public boolean judgesReputation() {
        return true;
    }

    @Override
    public Verdict evaluate(PolicyRequest request) {
        Optional<InetAddress> client = IpLiterals.parse(request.clientAddress());
        if (client.isEmpty()) {
            return Verdict.dunno("no client address to look up");
        }
        List<String> names = lists.hasDomainEntries()
                ? reverseDns.verify(client.get()).confirmed().stream().toList()
                : List.of();
        Optional<Match> match = lists.match(client.get(), names);
        if (match.isEmpty()) {
            return Verdict.dunno(client.get().getHostAddress() + " is on no list"
                    + (names.isEmpty() ? "" : " (as " + names.get(0) + ")"));
        }
        String entry = match.get().value() + (match.get().comment() == null ? "" : " (" + match.get().comment() + ")");
        if (match.get().kind() == ListKind.ALLOW) {
            return Verdict.accept(SmtpReply.OK, "allow list entry " + entry, List.of());
        }
        String reason = "block list entry " + entry;
        return properties.blockAction() == ListsProperties.BlockAction.DROP
                ? Verdict.drop(SmtpReply.POLICY_REJECT, reason)
                : Verdict.reject(SmtpReply.POLICY_REJECT, reason);
    }
}
