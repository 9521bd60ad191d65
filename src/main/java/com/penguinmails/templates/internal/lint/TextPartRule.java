package com.penguinmails.templates.internal.lint;

import java.util.List;

import com.penguinmails.templates.Finding;

/**
 * {@code missing-text-part}: an HTML message whose text alternative (the one given, else
 * the one derived from the HTML when sent) is empty or has fewer than half the words of
 * the HTML's visible text. RFC 2046 §5.1.4: multipart/alternative parts carry the same
 * content; filters score HTML-only or mismatched parts.
 */
public final class TextPartRule implements LintRule {

	@Override
	public void check(LintContent content, List<Finding> findings) {
		if (!content.isHtml()) {
			return;
		}
		int htmlWords = LintContent.words(content.visibleText()).size();
		String alternative = content.textPart().isBlank() ? content.visibleText() : content.textPart();
		int textWords = LintContent.words(alternative).size();
		if (textWords == 0) {
			findings.add(Finding.warning("missing-text-part", "No plain-text version",
					"Messages without a text part are typical of bulk mail, and some readers only see text. "
							+ "Write the message in words, or give a text version."));
		}
		else if (textWords * 2 < htmlWords) {
			findings.add(Finding.warning("missing-text-part",
					"The text version has " + textWords + " words, the HTML " + htmlWords,
					"Filters compare the two versions; a text part much shorter than the HTML looks like a "
							+ "placeholder. Leave the text empty to derive it from the HTML, or write it in full."));
		}
	}

}
