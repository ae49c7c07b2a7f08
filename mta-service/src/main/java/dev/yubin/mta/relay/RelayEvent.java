package dev.yubin.mta.relay;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event on {@code yubin.mail.events} (CONTRACT §4), keyed by queue id. One per recipient
 * and step: {@code queued} (taken by a relay worker), {@code attempt} (sent to a remote host),
 * {@code delivered} (remote 2xx), {@code deferred} (4xx or connection failure; retried at
 * {@code nextAttemptAt}), {@code delayed} (the sender was warned), {@code bounced} (5xx or given
 * up; a DSN went to the sender unless it was {@code <>}). An {@code accepted} event announces a
 * DSN we created. Fields that do not apply are left out; readers ignore fields they do not know.
 *
 * @param destination the recipient domain: what {@code GET /api/v1/queue} groups by
 * @param remoteHost  {@code mx.example.org[192.0.2.25]}
 * @param reply       the remote reply or our own diagnostic, e.g. {@code 451 4.7.1 greylisted}
 * @param attempt     the attempt this event belongs to, 1 for the first
 * @param receivedAt  when the message was accepted: the age that the queue view reports
 * @param suppress    on a hard bounce: the recipient belongs on the suppression list
 * @param dsnQueueId  the queue id of the DSN this step caused
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RelayEvent(String type, String queueId, String recipient, String destination, String remoteHost,
                  String reply, Integer attempt, String time, String receivedAt, String nextAttemptAt,
                  Boolean suppress, String dsnQueueId, String sender, java.util.List<String> recipients,
                  String service) {}
