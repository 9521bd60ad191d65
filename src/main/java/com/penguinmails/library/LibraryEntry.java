package com.penguinmails.library;

import java.util.List;

/**
 * A template or sequence of the library, shipped or the workspace's own.
 *
 * @param slug the entry's identifier within its kind: lower-case words joined by hyphens
 * @param tags free lower-case words for search and filtering
 * @param language a BCP 47 primary language tag, e.g. {@code en}
 * @param own whether the workspace saved it ("Yours"), rather than it shipping with
 * PenguinMails
 * @param steps the messages: one for a template, 1 to 20 for a sequence
 */
public record LibraryEntry(LibraryKind kind, String slug, String name, LibraryCategory category, List<String> tags,
		String language, String description, boolean own, List<LibraryStep> steps) {

	/** The first step's subject (a template's subject). */
	public String subject() {
		return steps.isEmpty() ? "" : steps.get(0).subject();
	}

	/**
	 * Whether {@code q} (lower case) occurs in the name, description, a tag or a subject.
	 */
	boolean matches(String q) {
		if (name.toLowerCase(java.util.Locale.ROOT).contains(q)
				|| description.toLowerCase(java.util.Locale.ROOT).contains(q)) {
			return true;
		}
		return tags.stream().anyMatch(tag -> tag.contains(q))
				|| steps.stream().anyMatch(step -> step.subject().toLowerCase(java.util.Locale.ROOT).contains(q));
	}

}
