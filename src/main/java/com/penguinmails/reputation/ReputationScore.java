package com.penguinmails.reputation;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
	 * @param weight its share of 100 before renormalisation; 0 for a part shown but not
	 * rated (too few messages for a rate to mean anything: the figure says so)
	 * @param figure what was read, in words ("2 of 120 sent bounced (1.7 %)")
	 * @param points earned, 0..weight, two decimals
	 */
	public record Part(String key, String label, int weight, String figure, double points) {

		/** Points over weight, 0–1: how well this part does. */
		public double ratio() {
			return weight == 0 ? 1 : points / weight;
		}

		/** Whether the part counts in the score (weight above 0). */
		public boolean rated() {
			return weight > 0;
		}

	}

	/**
	 * The keys of the parts that count in the score (rated ones).
	 */
	public Set<String> ratedKeys() {
		Set<String> keys = new LinkedHashSet<>();
		parts.stream().filter(Part::rated).forEach(p -> keys.add(p.key()));
		return keys;
	}

	/**
	 * The score counted over the given parts only (same rule: 100 × Σ points / Σ weights,
	 * rounded), empty when none of them is rated here.
	 */
	public Optional<Integer> over(Set<String> keys) {
		List<Part> kept = parts.stream().filter(p -> p.rated() && keys.contains(p.key())).toList();
		int weights = kept.stream().mapToInt(Part::weight).sum();
		if (weights == 0) {
			return Optional.empty();
		}
		return Optional.of((int) Math.round(100 * kept.stream().mapToDouble(Part::points).sum() / weights));
	}

	/**
	 * This score minus {@code before}, counted over the parts rated on both days only so
	 * that a part appearing or going away is not taken for better or worse reputation;
	 * empty when the two days share no rated part.
	 */
	public Optional<Integer> trendSince(ReputationScore before) {
		Set<String> both = ratedKeys();
		both.retainAll(before.ratedKeys());
		Optional<Integer> now = over(both);
		Optional<Integer> then = before.over(both);
		return now.isPresent() && then.isPresent() ? Optional.of(now.get() - then.get()) : Optional.empty();
	}

	/** The part doing worst (lowest points over weight), empty without parts. */
	public Optional<Part> worst() {
		return parts.stream().min(Comparator.comparingDouble(Part::ratio));
	}

}
