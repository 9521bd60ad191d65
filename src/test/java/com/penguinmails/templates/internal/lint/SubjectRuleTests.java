package com.penguinmails.templates.internal.lint;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.Finding;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectRuleTests {

	private final SubjectRule rule = new SubjectRule();

	@Test
	void anOrdinarySubjectIsFine() {
		assertThat(Messages.run(rule, Messages.text("Quick question about your Q3 hiring", "Hi"))).isEmpty();
	}

	@Test
	void mostlyCapitalsIsAllCaps() {
		assertThat(Messages.codes(rule, Messages.text("LAST CALL for Ada", "Hi"))).containsExactly("all-caps-subject");
		// Five letters are too few to judge.
		assertThat(Messages.codes(rule, Messages.text("HELLO", "Hi"))).containsExactly("caps-word");
	}

	@Test
	void aLongWordInCapitalsIsANote() {
		assertThat(Messages.run(rule, Messages.text("A FREE audit for your SaaS team", "Hi"))).isEmpty();
		assertThat(Messages.run(rule, Messages.text("Your AMAZING results this quarter", "Hi")))
			.extracting(Finding::code, Finding::message)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("caps-word", "“AMAZING” in capitals in the subject"));
	}

	@Test
	void lengthIsANoteOver45AndAWarningOver60() {
		assertThat(Messages.codes(rule, Messages.text("x".repeat(45), "Hi"))).isEmpty();
		assertThat(Messages.codes(rule, Messages.text("x".repeat(46), "Hi"))).containsExactly("subject-length");
		assertThat(Messages.codes(rule, Messages.text("x".repeat(60), "Hi"))).containsExactly("subject-length");
		assertThat(Messages.codes(rule, Messages.text("x".repeat(61), "Hi"))).containsExactly("long-subject");
	}

	@Test
	void liquidVariablesDoNotCountAsCapitalsOrLength() {
		assertThat(Messages.run(rule, Messages.text("{{ first_name | default: \"there\" }}, a question", "Hi")))
			.isEmpty();
	}

}
