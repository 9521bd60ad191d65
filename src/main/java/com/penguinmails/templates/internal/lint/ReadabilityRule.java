package com.penguinmails.templates.internal.lint;

import java.util.List;
import java.util.Locale;

import com.penguinmails.templates.Finding;
import com.penguinmails.templates.Readability;

/**
 * {@code readability}: the Flesch-Kincaid grade and Flesch reading ease of the visible
 * body (a warning over grade {@value #MAX_GRADE}, else a note giving both), and
 * {@code body-length}: a note over {@value #MAX_WORDS} words.
 * <p>
 * Counting: words are space-separated runs holding a letter or digit, URLs and e-mail
 * addresses left out. Sentences end at ".", "!" or "?" followed by a space or the end,
 * and at the end of every line (a greeting, a paragraph or a signature line without a
 * full stop). Syllables are counted by the vowel-group method: each run of vowels (a, e,
 * i, o, u, y) is one, a final silent "e" (not "-le" after a consonant) and a final
 * "-es"/"-ed" after a consonant other than t/d add none, and every word has at least one
 * (a number, one). It is within one or two syllables of a dictionary for common English
 * words.
 */
public final class ReadabilityRule implements LintRule {

	/** The highest grade without a warning (12: the last school year). */
	public static final double MAX_GRADE = 12;

	/** The most words without a note: cold emails that get replies are short. */
	public static final int MAX_WORDS = 200;

	@Override
	public void check(LintContent content, List<Finding> findings) {
		Readability readability = measure(content.visibleText());
		if (readability == null) {
			return;
		}
		String figures = "Reading grade " + readability.grade() + ", Flesch reading ease " + readability.readingEase();
		if (readability.grade() > MAX_GRADE) {
			findings.add(Finding.warning("readability", figures + ": hard to read",
					"Long sentences and long words slow a busy reader down. Aim for grade 8 or lower: "
							+ "split long sentences, prefer short everyday words."));
		}
		else {
			findings.add(Finding.info("readability", figures,
					"Grade 5 to 8 (reading ease 60 to 80) reads easily; shorter sentences lower the grade."));
		}
		int words = LintContent.words(content.visibleText()).size();
		if (words > MAX_WORDS) {
			findings.add(Finding.info("body-length", words + " words", "Cold emails that get replies are short: under "
					+ MAX_WORDS + " words, often under 100. Cut to the one thing you ask."));
		}
	}

	/** The readability of {@code text}; null when it has no words. */
	public static Readability measure(String text) {
		int words = 0;
		int syllables = 0;
		int sentences = 0;
		for (String line : text.split("\\n")) {
			for (String sentence : line.split("(?<=[.!?])\\s+")) {
				int before = words;
				for (String token : sentence.split("\\s+")) {
					String lower = token.toLowerCase(Locale.ROOT);
					if (lower.contains("://") || lower.startsWith("www.") || lower.contains("@")
							|| lower.codePoints().noneMatch(Character::isLetterOrDigit)) {
						continue;
					}
					words++;
					syllables += syllables(lower);
				}
				if (words > before) {
					sentences++;
				}
			}
		}
		if (words == 0) {
			return null;
		}
		double wordsPerSentence = (double) words / sentences;
		double syllablesPerWord = (double) syllables / words;
		double grade = 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59;
		double ease = 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
		// The formulas run past their scales on very short or very long words: clamp to
		// them.
		return new Readability(round(Math.max(0, grade)), round(Math.max(0, Math.min(100, ease))), words, sentences,
				syllables);
	}

	/** Syllables of one lower-case word by the vowel-group method (see the class). */
	static int syllables(String word) {
		String letters = word.replaceAll("[^a-z]", "");
		if (letters.isEmpty()) {
			return 1;
		}
		int count = 0;
		boolean previousVowel = false;
		for (int i = 0; i < letters.length(); i++) {
			boolean vowel = "aeiouy".indexOf(letters.charAt(i)) >= 0;
			if (vowel && !previousVowel) {
				count++;
			}
			previousVowel = vowel;
		}
		int n = letters.length();
		boolean consonantLe = n > 2 && letters.endsWith("le") && "aeiouy".indexOf(letters.charAt(n - 3)) < 0;
		if (n > 2 && letters.endsWith("e") && !letters.endsWith("ee") && !consonantLe
				&& "aeiouy".indexOf(letters.charAt(n - 2)) < 0) {
			count--;
		}
		else if (n > 3 && (letters.endsWith("es") || letters.endsWith("ed"))
				&& "aeiouytdsxzgc".indexOf(letters.charAt(n - 3)) < 0) {
			count--;
		}
		return Math.max(1, count);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
