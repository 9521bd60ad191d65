package com.penguinmails.templates.internal.lint;

import java.util.ArrayList;
import java.util.List;

import com.penguinmails.templates.Finding;

/**
 * {@code excessive-punctuation}: "!!", "??", "?!" or "!?" in the subject or the visible
 * body, more than one "!" in the subject, or more than three in the body. One warning
 * naming each thing found.
 */
public final class PunctuationRule implements LintRule {

	private static final List<String> RUNS = List.of("!!", "??", "?!", "!?");

	@Override
	public void check(LintContent content, List<Finding> findings) {
		List<String> found = new ArrayList<>();
		String subject = content.subject();
		String body = content.visibleText();
		for (String run : RUNS) {
			if (subject.contains(run) || body.contains(run)) {
				found.add("“" + run + "”");
			}
		}
		long subjectMarks = subject.chars().filter(c -> c == '!').count();
		long bodyMarks = body.chars().filter(c -> c == '!').count();
		if (subjectMarks > 1) {
			found.add(subjectMarks + " “!” in the subject");
		}
		if (bodyMarks > 3) {
			found.add(bodyMarks + " “!” in the body");
		}
		if (!found.isEmpty()) {
			findings.add(Finding.warning("excessive-punctuation", "Excessive punctuation: " + String.join(", ", found),
					"Runs of exclamation and question marks are a classic spam signal and read as pushy. "
							+ "Use at most one “!” in the subject and a few in the body."));
		}
	}

}
