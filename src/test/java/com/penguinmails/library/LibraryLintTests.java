package com.penguinmails.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.templates.Finding;
import com.penguinmails.templates.Lint;
import com.penguinmails.templates.LintInput;
import com.penguinmails.templates.LintReport;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Severity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped library message, rendered for the sample contact as the library's preview
 * shows it, passes the deliverability lint with no warning (issue 14: "library entries
 * pass the lint with no warnings"). Prints the figures the closing note reports: messages
 * checked, warnings, notes, the lowest score and the highest reading grade.
 */
@IntegrationTest
class LibraryLintTests {

	@Autowired
	Library library;

	@Autowired
	Lint lint;

	@Autowired
	Fixtures fixtures;

	@Test
	void everyShippedMessagePassesTheLintWithNoWarning() {
		List<String> warnings = new ArrayList<>();
		int messages = 0;
		int notes = 0;
		int lowestScore = 100;
		double highestGrade = 0;
		for (LibraryEntry entry : library.search(fixtures.verifiedAccount("library-lint").owner(),
				Library.Query.all())) {
			if (entry.own()) {
				continue;
			}
			List<Rendered> rendered = library.preview(entry);
			for (int i = 0; i < rendered.size(); i++) {
				Rendered message = rendered.get(i);
				LintReport report = lint.check(new LintInput(message.subject(), message.html(), message.text(),
						!entry.steps().get(i).writtenInHtml(), Set.of(), 0));
				messages++;
				for (Finding finding : report.findings()) {
					if (finding.severity() == Severity.WARNING) {
						warnings
							.add(entry.slug() + " step " + (i + 1) + ": " + finding.code() + " " + finding.message());
					}
					else {
						notes++;
					}
				}
				lowestScore = Math.min(lowestScore, report.score());
				highestGrade = Math.max(highestGrade, report.readability().grade());
			}
		}
		System.out.printf("library lint: %d messages, %d warnings, %d notes, lowest score %d, highest grade %.1f%n",
				messages, warnings.size(), notes, lowestScore, highestGrade);
		assertThat(messages).isGreaterThan(170);
		assertThat(warnings).isEmpty();
	}

}
