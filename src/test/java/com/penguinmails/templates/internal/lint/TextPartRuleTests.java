package com.penguinmails.templates.internal.lint;

import java.util.Set;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.LintInput;

import static org.assertj.core.api.Assertions.assertThat;

class TextPartRuleTests {

	private static final String HTML = "<p>Hi Ada,</p><p>I noticed your team is hiring three sales reps this quarter.</p>"
			+ "<p>Would a short call next week help?</p><p>Sam</p>";

	@Test
	void aDerivedTextPartIsFine() {
		assertThat(Messages.codes(new TextPartRule(), content(HTML, null))).isEmpty();
	}

	@Test
	void aGivenTextPartOfHalfTheWordsOrMoreIsFine() {
		assertThat(Messages.codes(new TextPartRule(),
				content(HTML, "Hi Ada, your team is hiring three reps. A short call next week?")))
			.isEmpty();
	}

	@Test
	void aShortTextPartIsMissing() {
		assertThat(Messages.codes(new TextPartRule(), content(HTML, "View this email in your browser.")))
			.containsExactly("missing-text-part");
	}

	@Test
	void anHtmlBodyWithoutWordsHasNoTextPart() {
		assertThat(Messages.codes(new TextPartRule(), content("<img src=\"https://acme.com/a.png\" alt=\"\">", null)))
			.containsExactly("missing-text-part");
	}

	@Test
	void plainTextMessagesAreNotJudged() {
		assertThat(Messages.codes(new TextPartRule(), Messages.text("Hi", ""))).isEmpty();
	}

	private static LintContent content(String html, String text) {
		return LintContent.of(new LintInput("Hi", html, text, false, Set.of(), 0));
	}

}
