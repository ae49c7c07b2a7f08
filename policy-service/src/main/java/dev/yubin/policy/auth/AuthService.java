package dev.yubin.policy.auth;

import dev.yubin.core.address.AddressException;
import dev.yubin.core.address.MailAddress;
import dev.yubin.policy.decision.DecisionLog;
import dev.yubin.policy.directory.Directory;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Checks a mailbox owner's credentials; every refusal goes to the decision log with its reason. */
@Service
class AuthService {

    private final Directory directory;
    private final DecisionLog decisionLog;

    AuthService(Directory directory, DecisionLog decisionLog) {
        this.directory = directory;
        this.decisionLog = decisionLog;
    }

    /** @return the account's address (its lookup form) when the password is right */
    Optional<String> authenticate(String username, String password, String clientAddress) {
        MailAddress user;
        try {
            user = MailAddress.parse(username == null ? "" : username.strip());
        } catch (AddressException e) {
            return refuse(username, clientAddress, "username is not an address: " + e.getMessage());
        }
        return switch (directory.checkPassword(user, password)) {
            case ACCEPTED -> Optional.of(user.key());
            case UNKNOWN_ACCOUNT -> refuse(username, clientAddress, "no account " + user.key());
            case WRONG_PASSWORD -> refuse(username, clientAddress, "wrong password for " + user.key());
        };
    }

    private Optional<String> refuse(String username, String clientAddress, String reason) {
        decisionLog.recordAuthFailure(username, clientAddress, reason);
        return Optional.empty();
    }
}
