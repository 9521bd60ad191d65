package com.penguinmails.warmup.web;

import java.util.List;
import java.util.Locale;

import com.penguinmails.warmup.HealthScore;
import com.penguinmails.warmup.WarmupHealth;

/**
 * A health measure in words for the page: the score's standing and one row per part.
 */
record HealthView(int score, String standing, String standingClass, List<Row> rows) {

	/** A part of the score: what it is, what was found, points earned of the maximum. */
	record Row(String part, String found, long points, int maximum) {
	}

	static HealthView of(WarmupHealth.Measure measure) {
		HealthScore p = measure.parts();
		String standing = measure.score() >= 80 ? "Good" : measure.score() >= 70 ? "Fair" : "Poor";
		String standingClass = measure.score() >= 80 ? "badge ok" : measure.score() >= 70 ? "badge" : "badge bad";
		return new HealthView(measure.score(), standing, standingClass, List.of(
				new Row("Inbox placement",
						p.inboxPercent() + " % of " + p.known() + " warmup messages reached the inbox (" + p.spam()
								+ " in spam, " + p.other() + " in another folder, " + p.missing() + " missing)",
						Math.round(p.placementPoints()), 70),
				new Row("DNS of its domain",
						p.dnsMissing().isEmpty() ? "SPF, DKIM and DMARC all pass"
								: "Not passing: " + String.join(", ", p.dnsMissing()),
						p.dnsPoints(), 15),
				new Row("Bounces", percent(p.bounceRate(), 1) + " of its campaign mail in the last 7 days (0 at 5 %)",
						Math.round(p.bouncePoints()), 10),
				new Row("Spam complaints",
						percent(p.complaintRate(), 2) + " of its campaign mail in the last 7 days (0 at 0.3 %)",
						Math.round(p.complaintPoints()), 5)));
	}

	private static String percent(double fraction, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f %%", fraction * 100);
	}

}
