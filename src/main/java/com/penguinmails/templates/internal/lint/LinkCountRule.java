package com.penguinmails.templates.internal.lint;

import java.util.List;
import java.util.Set;

import com.penguinmails.templates.Finding;

/**
 * {@code too-many-links}: more than {@value #MAX} distinct link URLs ({@code href}s and
 * bare http(s) URLs in the text, see {@link LintContent#distinctUrls()}).
 */
public final class LinkCountRule implements LintRule {

	/** The most distinct links a cold email should carry. */
	public static final int MAX = 3;

	@Override
	public void check(LintContent content, List<Finding> findings) {
		Set<String> urls = content.distinctUrls();
		if (urls.size() > MAX) {
			findings.add(Finding.warning("too-many-links", urls.size() + " different links",
					"Filters and readers treat a message full of links as a newsletter or an advertisement. "
							+ "Keep to one or two links that matter (at most " + MAX + ")."));
		}
	}

}
