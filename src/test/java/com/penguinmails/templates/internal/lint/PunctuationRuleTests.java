package com.penguinmails.templates.internal.lint;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.Finding;

import static org.assertj.core.api.Assertions.assertThat;

class PunctuationRuleTests {

	private final PunctuationRule rule = new PunctuationRule();

	@Test
	void oneMarkInTheSubjectAndThreeInTheBodyAreFine() {
		assertThat(Messages.run(rule, Messages.text("Congrats on the launch!", "Great! Thanks! See you soon!")))
			.isEmpty();
	}

	@Test
	void runsOfMarksAnywhereAreExcessive() {
		assertThat(Messages.run(rule, Messages.html("Ready?!", "<p>Really??</p>"))).extracting(Finding::message)
			.containsExactly("Excessive punctuation: “??”, “?!”");
	}

	@Test
	void countsMarksInSubjectAndBody() {
		assertThat(Messages.run(rule, Messages.text("Hi! Quick one!", "One! Two! Three! Four!")))
			.extracting(Finding::message)
			.containsExactly("Excessive punctuation: 2 “!” in the subject, 4 “!” in the body");
	}

}
