package com.penguinmails.templates;

import org.jsoup.Jsoup;

import com.penguinmails.shared.InvalidInputProblem;

/**
 * The checks of a draft's body for the editor it was written in, and the HTML part of a
 * plain-text template.
 */
final class EditorContent {

	/** Largest HTML written as code: 500 KB. */
	static final int MAX_CODE_HTML = 500_000;

	/** Largest HTML compiled from MJML (tables and inline styles are verbose): 1 MB. */
	static final int MAX_VISUAL_HTML = 1_000_000;

	private EditorContent() {
	}

	/**
	 * @throws InvalidInputProblem when the body is missing, too large or not HTML
	 */
	static void check(Templates.Draft draft) {
		switch (draft.editorOrDefault()) {
			case TEXT -> {
				if (draft.text() == null || draft.text().isBlank()) {
					throw new InvalidInputProblem("body-required", "Give the template a body.");
				}
				if (draft.text().length() > MAX_CODE_HTML) {
					throw new InvalidInputProblem("body-too-large", "The body is over 500 KB.");
				}
			}
			case CODE -> {
				requireHtml(draft.html());
				if (draft.html().length() > MAX_CODE_HTML) {
					throw new InvalidInputProblem("body-too-large", "The body is over 500 KB.");
				}
			}
			case VISUAL -> {
				String source = draft.source() == null ? "" : draft.source().strip();
				if (!source.startsWith("<mjml")) {
					throw new InvalidInputProblem("invalid-source",
							"A visual template needs its MJML source (a document starting with <mjml>).");
				}
				requireHtml(draft.html());
				if (draft.html().length() > MAX_VISUAL_HTML) {
					throw new InvalidInputProblem("body-too-large", "The HTML is over 1 MB.");
				}
				if (Jsoup.parse(draft.html()).body().select("*").size() <= 1) {
					throw new InvalidInputProblem("invalid-html", "The visual editor's HTML has no elements.");
				}
			}
		}
	}

	private static void requireHtml(String html) {
		if (html == null || html.isBlank()) {
			throw new InvalidInputProblem("body-required", "Give the template a body.");
		}
	}

}
