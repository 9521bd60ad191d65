package com.penguinmails.campaigns.internal;

import java.util.HashMap;
import java.util.Map;

/** How the planner picks a step's variant while the step has no winner. */
final class VariantSplit {

	private VariantSplit() {
	}

	/**
	 * Variants split evenly: the one the fewest recipients of this step have had so far
	 * (ties to the first), counted as it goes.
	 */
	static int evenly(Map<Integer, Map<Integer, Long>> split, int step, int variants) {
		if (variants <= 1) {
			return 0;
		}
		Map<Integer, Long> counts = split.computeIfAbsent(step, s -> new HashMap<>());
		int pick = 0;
		for (int v = 1; v < variants; v++) {
			if (counts.getOrDefault(v, 0L) < counts.getOrDefault(pick, 0L)) {
				pick = v;
			}
		}
		counts.merge(pick, 1L, Long::sum);
		return pick;
	}

}
