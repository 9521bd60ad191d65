package com.penguinmails.templates.internal.lint;

import org.junit.jupiter.api.Test;

import com.penguinmails.templates.Finding;
import com.penguinmails.templates.Readability;
import com.penguinmails.templates.Severity;

import static org.assertj.core.api.Assertions.assertThat;

class ReadabilityRuleTests {

	@Test
	void countsSyllablesByVowelGroups() {
		assertThat(ReadabilityRule.syllables("make")).isEqualTo(1);
		assertThat(ReadabilityRule.syllables("table")).isEqualTo(2);
		assertThat(ReadabilityRule.syllables("whole")).isEqualTo(1);
		assertThat(ReadabilityRule.syllables("booked")).isEqualTo(1);
		assertThat(ReadabilityRule.syllables("wanted")).isEqualTo(2);
		assertThat(ReadabilityRule.syllables("meeting")).isEqualTo(2);
		assertThat(ReadabilityRule.syllables("opportunity")).isEqualTo(5);
		assertThat(ReadabilityRule.syllables("15")).isEqualTo(1);
	}

	@Test
	void measuresGradeAndEaseWithLinesEndingSentences() {
		Readability readability = ReadabilityRule.measure("Hi Ada\nThe cat sat on the mat. It was a good day.");
		// 13 words, 3 sentences, 14 syllables ("Ada" is two).
		assertThat(readability.words()).isEqualTo(13);
		assertThat(readability.sentences()).isEqualTo(3);
		assertThat(readability.syllables()).isEqualTo(14);
		// The formulas give grade -1.2 and ease 111.3 here, clamped to their scales.
		assertThat(readability.grade()).isEqualTo(0.0);
		assertThat(readability.readingEase()).isEqualTo(100.0);
	}

	@Test
	void leavesOutUrlsAndAddresses() {
		assertThat(ReadabilityRule.measure("See https://acme.com/overview or write to sam@acme.com.").words())
			.isEqualTo(4);
		assertThat(ReadabilityRule.measure("https://acme.com")).isNull();
	}

	@Test
	void plainWordsAreANoteAndDenseProseAWarning() {
		assertThat(Messages.run(new ReadabilityRule(), Messages.text("Hi", "Would a short call next week help?")))
			.extracting(Finding::severity)
			.containsExactly(Severity.INFO);
		String dense = "Our comprehensive organizational transformation methodology systematically institutionalizes "
				+ "cross-functional operational accountability, facilitating unprecedented interdepartmental "
				+ "collaboration and substantially accelerating enterprise-wide digitalization initiatives.";
		assertThat(Messages.run(new ReadabilityRule(), Messages.text("Hi", dense))).extracting(Finding::severity)
			.containsExactly(Severity.WARNING);
	}

	@Test
	void over200WordsIsANote() {
		assertThat(Messages.codes(new ReadabilityRule(), Messages.text("Hi", "We help. ".repeat(101))))
			.containsExactly("readability", "body-length");
	}

}
