package com.penguinmails.sandbox.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled whether the in-process mail server runs
 * @param smtpPort its SMTP port (0 picks a free one)
 * @param imapPort its IMAP port (0 picks a free one)
 */
@ConfigurationProperties("penguinmails.sandbox")
record SandboxProperties(boolean enabled, int smtpPort, int imapPort) {
}
