package dev.yubin.core.policy;

/** The SMTP stage a policy question is asked at. */
public enum Stage {
    CONNECT, HELO, MAIL, RCPT, DATA
}
