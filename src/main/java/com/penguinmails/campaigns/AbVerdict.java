package com.penguinmails.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.penguinmails.campaigns.internal.AbTest;

/**
 * What the A/B test of a step decided, or why it has not yet, in words people read: "B
 * wins on replies, 96 % confidence", "No winner yet: 40 more sends per variant needed".
 * The decision is the one {@code internal.AbDecisions} makes (a two-proportion z-test of
 * the best variant against the second, 95 % confidence); a decision already taken is the
 * step's {@link Campaign.Winner}. Confidence is {@code 1 - p} of that test.
 *
 * @param step the step's position (0-based)
 * @param tested whether the step has variants and a winner metric
 * @param decided whether a winner was picked
 * @param winner the winning (or, undecided, the leading) variant, null when none leads
 * @param metric {@code opens}, {@code clicks} or {@code replies}; null when not tested
 * @param confidence 0 to 1, null before every variant has its sample
 * @param sendsNeeded more sends per variant before a decision (0 once reached)
 * @param text the sentence the campaign page shows
 */
public record AbVerdict(int step, boolean tested, boolean decided, Integer winner, String metric, Double confidence,
		long sendsNeeded, String text) {

	/** Default sample per variant, as {@code AbDecisions} uses it. */
	private static final int DEFAULT_SAMPLE = 100;

	/**
	 * The verdict of one step.
	 * @param position the step's position
	 * @param sent messages sent per variant (index = variant)
	 * @param engaged per variant, people's opens, clicks or replies (the step's metric)
	 */
	public static AbVerdict of(int position, Campaign.Step step, long[] sent, long[] engaged) {
		if (step.variants().size() < 2) {
			return new AbVerdict(position, false, false, null, null, null, 0, "");
		}
		if (step.winnerMetric() == null) {
			return new AbVerdict(position, false, false, null, null, null, 0,
					"Variants share the sends; no winner is picked automatically.");
		}
		String metric = step.winnerMetric();
		Campaign.Winner decided = step.winner();
		if (decided != null) {
			double confidence = 1 - decided.pValue();
			return new AbVerdict(position, true, true, decided.variant(), metric, confidence, 0,
					letter(decided.variant()) + " wins on " + metric + ", " + percent(confidence) + " confidence");
		}
		int sample = step.minSample() == null ? DEFAULT_SAMPLE : step.minSample();
		List<AbTest.Arm> arms = new ArrayList<>();
		long fewest = Long.MAX_VALUE;
		for (int v = 0; v < step.variants().size(); v++) {
			long s = v < sent.length ? sent[v] : 0;
			arms.add(new AbTest.Arm(v, s, v < engaged.length ? engaged[v] : 0));
			fewest = Math.min(fewest, s);
		}
		var outcome = AbTest.decide(arms, sample);
		if (outcome.isEmpty()) {
			long needed = sample - fewest;
			return new AbVerdict(position, true, false, null, metric, null, needed,
					"No winner yet: " + needed + " more sends per variant needed");
		}
		double confidence = 1 - outcome.get().pValue();
		Integer leader = arms.stream()
			.max(java.util.Comparator.comparingDouble(AbTest.Arm::rate))
			.filter(arm -> arm.engaged() > 0)
			.map(AbTest.Arm::variant)
			.orElse(null);
		String text = leader == null ? "No winner yet: no " + metric + " so far" : "No winner yet: " + letter(leader)
				+ " leads on " + metric + ", " + percent(confidence) + " confidence (95 % needed)";
		return new AbVerdict(position, true, outcome.get().winner() != null, leader, metric, confidence, 0, text);
	}

	private static String letter(int variant) {
		return String.valueOf((char) ('A' + variant));
	}

	private static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.0f %%", Math.floor(fraction * 100));
	}

}
