package com.penguinmails.templates;

import java.util.ArrayList;
import java.util.List;

/**
 * The deliverability lint's verdict on one message.
 *
 * @param score 100 minus 10 per warning and 2 per note, at least 0
 * @param findings what was found, warnings first, in the order the rules ran
 * @param readability the reading grade and ease of the visible body text; null when the
 * body has no words
 */
public record LintReport(int score, List<Finding> findings, Readability readability) {

	public LintReport {
		findings = List.copyOf(findings);
	}

	/** A report of {@code findings}, scored and ordered (warnings first). */
	public static LintReport of(List<Finding> findings, Readability readability) {
		List<Finding> ordered = new ArrayList<>(findings);
		ordered.sort((a, b) -> b.severity().compareTo(a.severity()));
		int cost = ordered.stream().mapToInt(f -> f.severity().cost()).sum();
		return new LintReport(Math.max(0, 100 - cost), ordered, readability);
	}

	/**
	 * This report with {@code more} findings (for example broken links), scored again.
	 */
	public LintReport with(List<Finding> more) {
		List<Finding> all = new ArrayList<>(findings);
		all.addAll(more);
		return of(all, readability);
	}

	/** The number of warnings. */
	public long warnings() {
		return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
	}

	/** The codes of the findings, in order (handy in tests and logs). */
	public List<String> codes() {
		return findings.stream().map(Finding::code).toList();
	}

}
