package dev.yubin.msa.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits shared by the SMTP listeners ({@code yubin.smtp.*}). */
@ConfigurationProperties("yubin.smtp")
public record SmtpProperties(
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("100") int maxRecipients) {}
