package com.penguinmails.templates.internal.lint;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.Finding;

import static org.assertj.core.api.Assertions.assertThat;

class SpamPhraseRuleTests {

	private final SpamPhraseRule rule = SpamPhraseRule.shipped();

	@Test
	void theShippedListHasAbout250LowerCasePhrases() {
		List<String> phrases = SpamPhraseRule.load();
		assertThat(phrases).hasSizeGreaterThanOrEqualTo(240)
			.contains("act now", "100% free", "risk-free", "this isn't spam", "you have been selected")
			.allMatch(p -> p.equals(p.toLowerCase()) && !p.isBlank())
			.doesNotHaveDuplicates();
	}

	@Test
	void findsAPhraseInTheSubjectWithoutRegardToCase() {
		List<Finding> findings = Messages.run(rule, Messages.html("ACT NOW: a quick question", "<p>Hi Ada,</p>"));
		assertThat(findings).extracting(Finding::message).containsExactly("“act now” in the subject");
	}

	@Test
	void findsPhrasesInTheVisibleBodyAcrossTagsAndCurlyApostrophes() {
		List<Finding> findings = Messages.run(rule, Messages.html("Hello",
				"<p>This <b>isn’t spam</b>: it is <em>100% free</em> and risk-free.</p><p>Dear friend,</p>"));
		assertThat(findings).extracting(Finding::message)
			.containsExactlyInAnyOrder("“100% free” in the body", "“risk-free” in the body",
					"“dear friend” in the body", "“this isn't spam” in the body");
	}

	@Test
	void matchesWholeWordsOnly() {
		// "winners" and "breadwinner" are not "winner"; "cheaper" is not "cheap".
		assertThat(Messages.run(rule, Messages.text("Winners of the cup",
				"Our breadwinner plan is cheaper to run. See the urgently needed fix.")))
			.isEmpty();
	}

	@Test
	void namesBothPlacesOnceWhenInSubjectAndBody() {
		assertThat(Messages.run(rule, Messages.text("Urgent", "This is urgent."))).extracting(Finding::message)
			.containsExactly("“urgent” in the subject and the body");
	}

	@Test
	void ignoresTheHtmlMarkupAndStyles() {
		assertThat(
				Messages.run(rule,
						Messages.html("Hi",
								"<style>.winner{color:red}</style><p class=\"winner\" title=\"cash bonus\">Hi</p>")))
			.isEmpty();
	}

}
