package com.penguinmails.reputation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A reputation score, 0–100, and what makes it (the rules are in
 * {@code internal.timeline.ScoreRules} and the README): each part with data has a weight,
 * the figure it read and the points it earned; parts without data are left out and the
 * score is {@code 100 × Σ points / Σ weights} of the parts present, rounded.
 *
 * @param score 0–100
 * @param parts the parts with data, in the rules' order
 */
public record ReputationScore(int score, List<Part> parts) {

	/**
	 * One part of the score.
	 *
	 * @param key the part's stable name ({@code bounces}, {@code complaints},
	 * {@code warmup}, {@code blocklists}, {@code dmarc}, {@code postmaster_reputation},
	 * {@code postmaster_spam_rate}, {@code snds})
	 * @param label the part in words
	 * @param weight its share of 100 before renormalisation
	 * @param figure what was read, in words ("2 of 120 sent bounced (1.7 %)")
	 * @param points earned, 0..weight, two decimals
	 */
	public record Part(String key, String label, int weight, String figure, double points) {

		/** Points over weight, 0–1: how well this part does. */
		public double ratio() {
			return weight == 0 ? 1 : points / weight;
		}

	}

	/** The part doing worst (lowest points over weight), empty without parts. */
	public Optional<Part> worst() {
		return parts.stream().min(Comparator.comparingDouble(Part::ratio));
	}

}
