package com.penguinmails.templates.internal.lint;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.penguinmails.templates.Finding;

/**
 * {@code spam-phrase}: a phrase of the shipped list ({@code lint/spam-phrases.txt}) in
 * the subject or the visible body text, as whole words (a letter or digit on neither
 * side), without regard to case; curly apostrophes read as straight ones. One warning per
 * phrase; a phrase found inside a longer one found ("limited time" in "limited time
 * offer") is not counted twice.
 */
public final class SpamPhraseRule implements LintRule {

	/** The shipped list on the class path. */
	public static final String LIST = "lint/spam-phrases.txt";

	private final List<String> phrases;

	/** The rule with the given phrases (lower case). */
	public SpamPhraseRule(List<String> phrases) {
		this.phrases = List.copyOf(phrases);
	}

	/** The rule with the shipped list. */
	public static SpamPhraseRule shipped() {
		return new SpamPhraseRule(load());
	}

	/**
	 * The phrases of the shipped list: one a line, {@code #} comments and blank lines
	 * left out.
	 */
	public static List<String> load() {
		try (InputStream in = SpamPhraseRule.class.getClassLoader().getResourceAsStream(LIST)) {
			if (in == null) {
				throw new IllegalStateException(LIST + " is missing from the class path");
			}
			List<String> phrases = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				String phrase = line.strip().toLowerCase(Locale.ROOT);
				if (!phrase.isEmpty() && !phrase.startsWith("#") && !phrases.contains(phrase)) {
					phrases.add(phrase);
				}
			}
			return phrases;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void check(LintContent content, List<Finding> findings) {
		String subject = normalized(content.subject());
		String body = normalized(content.visibleText() + "\n" + content.textPart());
		Map<String, String> found = new LinkedHashMap<>();
		phrases.forEach(phrase -> {
			boolean inSubject = contains(subject, phrase);
			boolean inBody = contains(body, phrase);
			if (inSubject || inBody) {
				found.put(phrase,
						inSubject && inBody ? "the subject and the body" : inSubject ? "the subject" : "the body");
			}
		});
		found.forEach((phrase, where) -> {
			// "limited time" inside a found "limited time offer" is the same finding.
			boolean part = found.keySet().stream().anyMatch(other -> !other.equals(phrase) && other.contains(phrase));
			if (!part) {
				findings.add(Finding.warning("spam-phrase", "“" + phrase + "” in " + where,
						"Spam filters weigh phrases like this one, typical of bulk promotions; it makes the message "
								+ "look like an advertisement. Say the same thing in your own, specific words."));
			}
		});
	}

	/**
	 * Lower case (the list is), curly apostrophes straight, runs of white space one
	 * space.
	 */
	private static String normalized(String text) {
		return text.toLowerCase(Locale.ROOT).replace('’', '\'').replace('‘', '\'').replaceAll("\\s+", " ");
	}

	/**
	 * True when {@code phrase} occurs in {@code text} with no letter or digit on either
	 * side.
	 */
	static boolean contains(String text, String phrase) {
		for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
			int after = at + phrase.length();
			boolean startsWord = at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at));
			boolean endsWord = after == text.length() || !Character.isLetterOrDigit(text.codePointAt(after));
			if (startsWord && endsWord) {
				return true;
			}
		}
		return false;
	}

}
