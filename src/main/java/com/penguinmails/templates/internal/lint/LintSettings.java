package com.penguinmails.templates.internal.lint;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the deliverability lint.
 *
 * @param spamassassin the {@code spamassassin} executable; empty: the one found on the
 * {@code PATH}, if any (env {@code PENGUINMAILS_LINT_SPAMASSASSIN})
 */
@ConfigurationProperties("penguinmails.lint")
public record LintSettings(String spamassassin) {

	public LintSettings {
		spamassassin = spamassassin == null ? "" : spamassassin.strip();
	}

}
