package dev.yubin.mta.relay;

import dev.yubin.core.envelope.Recipient;

/**
 * What became of one recipient in one attempt: each recipient has its own outcome, so one
 * recipient's 550 and another's 250 in the same session are two results.
 *
 * @param remoteHost {@code name[address]} of the server that answered, or empty when none did
 */
record RecipientResult(Recipient recipient, Status status, RemoteReply reply, String remoteHost) {

    enum Status { DELIVERED, DEFERRED, FAILED }

    static RecipientResult of(Recipient recipient, RemoteReply reply, String remoteHost) {
        Status status = reply.isPositive() ? Status.DELIVERED
                : reply.isTransient() ? Status.DEFERRED : Status.FAILED;
        return new RecipientResult(recipient, status, reply, remoteHost);
    }
}
