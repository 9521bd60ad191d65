package com.penguinmails.templates.internal.lint;

import java.util.List;
import java.util.Locale;

import com.penguinmails.templates.Finding;

/**
 * {@code missing-unsubscribe}: a campaign of {@value #BULK} recipients or more whose body
 * has neither the {@code unsubscribe_url} variable nor a link mentioning "unsubscribe".
 * Gmail's and Yahoo's 2024 bulk-sender rules ask bulk senders for an easy way out (beside
 * the RFC 8058 one-click header, which sending adds).
 */
public final class UnsubscribeRule implements LintRule {

	/** The campaign size from which an unsubscribe link is expected. */
	public static final int BULK = 500;

	@Override
	public void check(LintContent content, List<Finding> findings) {
		if (content.input().recipients() < BULK) {
			return;
		}
		String raw = (content.input().html() + "\n" + content.input().text()).toLowerCase(Locale.ROOT);
		boolean variable = raw.contains("unsubscribe_url");
		boolean link = content.links()
			.stream()
			.anyMatch(l -> (l.url() + " " + l.text()).toLowerCase(Locale.ROOT).contains("unsubscribe"));
		if (!variable && !link) {
			findings.add(Finding.warning("missing-unsubscribe",
					"No unsubscribe link for " + content.input().recipients() + " recipients",
					"Large mailbox providers expect senders of bulk-sized campaigns to offer an easy way out; "
							+ "without one, people press “Report spam” instead. Add {{ unsubscribe_url }} "
							+ "as a link, e.g. “Not interested? Unsubscribe”."));
		}
	}

}
