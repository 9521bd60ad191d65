package com.penguinmails.templates.internal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.penguinmails.templates.Finding;
import com.penguinmails.templates.LintInput;

/** Builds lint inputs and runs one rule on them, for the rules' tests. */
final class Messages {

	private Messages() {
	}

	static LintContent html(String subject, String html) {
		return LintContent.of(new LintInput(subject, html, null, false, Set.of("acme.com"), 0));
	}

	static LintContent text(String subject, String text) {
		return LintContent.of(new LintInput(subject, null, text, true, Set.of("acme.com"), 0));
	}

	static List<Finding> run(LintRule rule, LintContent content) {
		List<Finding> findings = new ArrayList<>();
		rule.check(content, findings);
		return findings;
	}

	static List<String> codes(LintRule rule, LintContent content) {
		return run(rule, content).stream().map(Finding::code).toList();
	}

}
