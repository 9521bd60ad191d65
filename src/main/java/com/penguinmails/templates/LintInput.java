package com.penguinmails.templates;

import java.util.Set;

/**
 * What the deliverability lint checks: one rendered message (or a template with its
 * Liquid variables left in: variables are skipped where they would be judged).
 *
 * @param subject the subject line (null as empty)
 * @param html the HTML body, ignored when {@code plainText}; null or blank when there is
 * none
 * @param text the text part; for an HTML message null or blank means "derived from the
 * HTML when sent"
 * @param plainText true for a text/plain-only message (the body is {@code text})
 * @param ownDomains the sending and tracking domains; a link to one of them, to its
 * registrable domain or to a subdomain of either is not foreign. Empty: link domains are
 * not judged
 * @param recipients how many recipients the campaign has, 0 when unknown
 */
public record LintInput(String subject, String html, String text, boolean plainText, Set<String> ownDomains,
		int recipients) {

	public LintInput {
		subject = subject == null ? "" : subject;
		html = html == null ? "" : html;
		text = text == null ? "" : text;
		ownDomains = ownDomains == null ? Set.of() : Set.copyOf(ownDomains);
	}

}
