package com.penguinmails.campaigns.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The decision of an A/B(/n) step: once every variant has sent its minimum sample, the
 * best rate is compared with the second best by a two-proportion z-test (pooled); a
 * two-sided p-value under 0.05 makes the best the winner.
 */
public final class AbTest {

	/** One variant's figures. */
	public record Arm(int variant, long sent, long engaged) {

		public double rate() {
			return sent == 0 ? 0 : (double) engaged / sent;
		}

	}

	/** The outcome of a test: the winner, or none yet, with the statistic. */
	public record Outcome(Integer winner, double z, double pValue) {
	}

	static final double SIGNIFICANCE = 0.05;

	private static final NormalDistribution NORMAL = new NormalDistribution();

	private AbTest() {
	}

	/** Empty until every arm has {@code minSample} sends. */
	public static Optional<Outcome> decide(List<Arm> arms, int minSample) {
		if (arms.size() < 2 || arms.stream().anyMatch(arm -> arm.sent() < minSample)) {
			return Optional.empty();
		}
		List<Arm> ranked = arms.stream().sorted(Comparator.comparingDouble(Arm::rate).reversed()).toList();
		Arm best = ranked.get(0);
		Arm second = ranked.get(1);
		double pooled = (double) (best.engaged() + second.engaged()) / (best.sent() + second.sent());
		double error = Math.sqrt(pooled * (1 - pooled) * (1.0 / best.sent() + 1.0 / second.sent()));
		if (error == 0) {
			return Optional.of(new Outcome(null, 0, 1));
		}
		double z = (best.rate() - second.rate()) / error;
		double p = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
		return Optional.of(new Outcome(p < SIGNIFICANCE ? best.variant() : null, z, p));
	}

}
