package com.penguinmails.templates.internal.lint;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.penguinmails.templates.Finding;

/**
 * {@code vague-link-text}: a link whose text says nothing of where it goes ("click here",
 * "here", "this", "link", "read more", "more", "learn more"). WCAG 2.1 §2.4.4 (link
 * purpose): a screen reader's list of links reads them out of context. One warning per
 * distinct text.
 */
public final class LinkTextRule implements LintRule {

	/** The vague texts, lower case, without surrounding punctuation. */
	public static final Set<String> VAGUE = Set.of("click here", "here", "this", "link", "read more", "more",
			"learn more");

	@Override
	public void check(LintContent content, List<Finding> findings) {
		Set<String> vague = new LinkedHashSet<>();
		for (LintContent.Link link : content.links()) {
			String text = link.anchor() && link.text().length() <= 40 ? bare(link.text()) : "";
			if (link.anchor() && VAGUE.contains(text)) {
				vague.add(text);
			}
		}
		for (String text : vague) {
			findings.add(Finding.warning("vague-link-text", "A link reads “" + text + "”",
					"Screen readers list links by their text alone, and filters associate “click here” with spam "
							+ "(WCAG 2.1 §2.4.4). Say where the link goes: “the two-page overview”."));
		}
	}

	/** Lower case, single spaces, without punctuation or symbols around it. */
	private static String bare(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && !Character.isLetterOrDigit(text.charAt(start))) {
			start++;
		}
		while (end > start && !Character.isLetterOrDigit(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

}
