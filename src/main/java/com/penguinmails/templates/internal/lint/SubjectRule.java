package com.penguinmails.templates.internal.lint;

import java.util.ArrayList;
import java.util.List;

import com.penguinmails.templates.Finding;

/**
 * The subject line: {@code all-caps-subject} (at least {@value #MIN_LETTERS} letters,
 * more than half of them capitals), else {@code caps-word} (a note for each subject with
 * words of {@value #CAPS_WORD} or more letters all in capitals); {@code long-subject}
 * (over {@value #MAX_LENGTH} characters), else {@code subject-length} (a note over
 * {@value #NOTE_LENGTH}). Lengths count Unicode code points.
 */
public final class SubjectRule implements LintRule {

	static final int MIN_LETTERS = 6;

	static final int CAPS_WORD = 5;

	/** The longest subject without a warning (mobile clients cut at about 40 to 60). */
	public static final int MAX_LENGTH = 60;

	/** The longest subject without a note. */
	public static final int NOTE_LENGTH = 45;

	@Override
	public void check(LintContent content, List<Finding> findings) {
		String subject = content.subject();
		int letters = (int) subject.codePoints().filter(Character::isLetter).count();
		int capitals = (int) subject.codePoints().filter(Character::isUpperCase).count();
		if (letters >= MIN_LETTERS && capitals * 2 > letters) {
			findings.add(Finding.warning("all-caps-subject", "The subject is mostly capitals",
					"Capitals read as shouting, and filters score subjects in capitals as spam. Write the "
							+ "subject as a sentence."));
		}
		else {
			List<String> words = new ArrayList<>();
			for (String word : subject.split("[^\\p{L}]+")) {
				if (word.codePointCount(0, word.length()) >= CAPS_WORD && word.equals(word.toUpperCase())
						&& !word.equals(word.toLowerCase())) {
					words.add(word);
				}
			}
			if (!words.isEmpty()) {
				findings
					.add(Finding.info("caps-word", "“" + String.join("”, “", words) + "” in capitals in the subject",
							"A long word in capitals reads as shouting; keep capitals for short acronyms."));
			}
		}
		int length = subject.codePointCount(0, subject.length());
		if (length > MAX_LENGTH) {
			findings.add(Finding.warning("long-subject", "The subject has " + length + " characters",
					"Phones cut subjects after 40 to 60 characters, and long subjects read like marketing. "
							+ "Keep it under " + NOTE_LENGTH + " characters: a few words a colleague would write."));
		}
		else if (length > NOTE_LENGTH) {
			findings.add(Finding.info("subject-length", "The subject has " + length + " characters",
					"Some phones cut subjects after about 40 characters; shorter subjects are read in full."));
		}
	}

}
