package com.penguinmails.library.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.penguinmails.library.LibraryEntry;
import com.penguinmails.library.LibraryKind;
import com.penguinmails.library.LibraryStep;
import com.penguinmails.campaigns.StepFormat;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * What a library entry must be, shipped or saved by a workspace; each rule broken is an
 * {@link InvalidInputProblem} (400) saying what to change.
 */
public final class EntryRules {

	/** Lower-case words of letters and digits joined by single hyphens. */
	static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

	/** RFC 5646 §2.1: a primary language subtag, optionally followed by subtags. */
	static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*");

	/** The most steps a sequence has (as a campaign). */
	public static final int MAX_STEPS = 20;

	private static final int MAX_DELAY_MINUTES = 365 * 24 * 60;

	private static final int MAX_BODY = 100_000;

	private EntryRules() {
	}

	/**
	 * The entry checked, with tags cleaned (lower case, distinct) and defaults filled.
	 */
	public static LibraryEntry check(LibraryEntry entry) {
		String slug = entry.slug() == null ? "" : entry.slug().strip();
		if (slug.length() > 80 || !SLUG.matcher(slug).matches()) {
			throw invalid("invalid-slug", "A slug is 1 to 80 lower-case letters, digits and single hyphens.");
		}
		String name = entry.name() == null ? "" : entry.name().strip();
		if (name.isEmpty() || name.length() > 200) {
			throw invalid("invalid-name", "Give the entry a name of 1 to 200 characters.");
		}
		if (entry.kind() == null) {
			throw invalid("invalid-kind", "The kind is template or sequence.");
		}
		if (entry.category() == null) {
			throw invalid("invalid-category", "Choose a category.");
		}
		String language = entry.language() == null || entry.language().isBlank() ? "en" : entry.language().strip();
		if (!LANGUAGE.matcher(language).matches()) {
			throw invalid("invalid-language", "The language is a language tag such as en or pt-BR.");
		}
		String description = entry.description() == null ? "" : entry.description().strip();
		if (description.length() > 1000) {
			throw invalid("invalid-description", "The description is at most 1000 characters.");
		}
		return new LibraryEntry(entry.kind(), slug, name, entry.category(), tags(entry.tags()), language, description,
				entry.own(), steps(entry.kind(), entry.steps()));
	}

	private static List<String> tags(List<String> tags) {
		LinkedHashSet<String> clean = new LinkedHashSet<>();
		for (String tag : tags == null ? List.<String>of() : tags) {
			String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
			if (t.isEmpty() || t.length() > 40) {
				throw invalid("invalid-tags", "A tag is 1 to 40 characters.");
			}
			clean.add(t);
		}
		if (clean.size() > 20) {
			throw invalid("invalid-tags", "An entry has at most 20 tags.");
		}
		return List.copyOf(clean);
	}

	private static List<LibraryStep> steps(LibraryKind kind, List<LibraryStep> steps) {
		int count = steps == null ? 0 : steps.size();
		if (kind == LibraryKind.TEMPLATE && count != 1) {
			throw invalid("invalid-steps", "A template has exactly one message.");
		}
		if (count < 1 || count > MAX_STEPS) {
			throw invalid("invalid-steps", "A sequence has 1 to " + MAX_STEPS + " steps.");
		}
		List<LibraryStep> checked = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			checked.add(step(i, steps.get(i)));
		}
		return List.copyOf(checked);
	}

	private static LibraryStep step(int index, LibraryStep step) {
		String where = "Step " + (index + 1) + ": ";
		if (step == null) {
			throw invalid("invalid-step", where + "the step is empty.");
		}
		LibraryStep.Delay delay = step.delay() == null ? LibraryStep.Delay.NONE : step.delay();
		if (delay.unit() == null || delay.amount() < 0
				|| (long) delay.amount() * delay.unit().minutes() > MAX_DELAY_MINUTES) {
			throw invalid("invalid-delay", where + "the delay is 0 minutes to a year, in minutes, hours or days.");
		}
		String subject = step.subject() == null ? "" : step.subject().strip();
		if (index == 0 && subject.isEmpty()) {
			throw invalid("subject-required", where + "give the message a subject.");
		}
		if (subject.length() > 200 || subject.contains("\n") || subject.contains("\r")) {
			throw invalid("invalid-subject", where + "the subject is one line of at most 200 characters.");
		}
		boolean hasHtml = step.html() != null && !step.html().isBlank();
		StepFormat format = step.format() != null ? step.format() : hasHtml ? StepFormat.HTML : StepFormat.TEXT;
		String text = step.text() == null ? "" : step.text().strip();
		if (format == StepFormat.TEXT && text.isEmpty() || format == StepFormat.HTML && !hasHtml) {
			throw invalid("body-required",
					where + "give the message a " + format.label().toLowerCase(Locale.ROOT) + " body.");
		}
		if (text.length() > MAX_BODY || hasHtml && step.html().length() > MAX_BODY) {
			throw invalid("body-too-large", where + "the body is over 100 KB.");
		}
		String html = format == StepFormat.HTML ? step.html() : null;
		try {
			liqp.TemplateParser.DEFAULT.parse(subject + "\n" + text + "\n" + (html == null ? "" : html));
		}
		catch (RuntimeException ex) {
			throw invalid("invalid-liquid", where + "Liquid syntax error: " + ex.getMessage());
		}
		return new LibraryStep(delay, index == 0 || step.newThread(), subject, text, html, format);
	}

	private static InvalidInputProblem invalid(String type, String message) {
		return new InvalidInputProblem(type, message);
	}

}
