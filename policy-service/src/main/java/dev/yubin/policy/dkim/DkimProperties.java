package dev.yubin.policy.dkim;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param masterKey base64 of the 32-byte AES-256 key that encrypts the DKIM private keys at rest;
 *                  blank: derived from {@code yubin.security.internal-token} (with a warning),
 *                  so changing that token makes the stored keys unusable
 */
@ConfigurationProperties("yubin.policy.dkim")
record DkimProperties(String masterKey) {}
