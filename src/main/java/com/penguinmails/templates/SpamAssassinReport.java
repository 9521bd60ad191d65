package com.penguinmails.templates;

import java.util.List;

/**
 * What SpamAssassin ({@code spamassassin -L -t}: local tests only) says of a message.
 *
 * @param score the points the message scored (higher is spammier)
 * @param required the score from which SpamAssassin calls it spam (5.0 by default)
 * @param rules the rules that hit, in the report's order
 */
public record SpamAssassinReport(double score, double required, List<Rule> rules) {

	public SpamAssassinReport {
		rules = List.copyOf(rules);
	}

	/**
	 * One rule that hit.
	 *
	 * @param name the rule's name, e.g. {@code MISSING_MID}
	 * @param points what it added (negative: what it took off)
	 * @param description SpamAssassin's description of the rule
	 */
	public record Rule(String name, double points, String description) {

	}

	/** True when the score reaches the required score. */
	public boolean spam() {
		return score >= required;
	}

}
