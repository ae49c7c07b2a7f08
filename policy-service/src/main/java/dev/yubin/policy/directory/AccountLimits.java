package dev.yubin.policy.directory;

/**
 * An account's own sending limits; null means the service-wide default applies.
 *
 * @param maxMessagesPerHour      messages the account may submit in any hour
 * @param maxRecipientsPerMessage recipients one submitted message may have
 */
public record AccountLimits(Integer maxMessagesPerHour, Integer maxRecipientsPerMessage) {

    public static final AccountLimits DEFAULTS = new AccountLimits(null, null);
}
