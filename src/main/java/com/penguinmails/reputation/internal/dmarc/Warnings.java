package com.penguinmails.reputation.internal.dmarc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The warnings of one report, each said once with how often it happened ("record skipped:
 * no source_ip (3 times)"), at most {@value #MAX} different ones.
 */
final class Warnings {

	static final int MAX = 20;

	private final Map<String, Integer> counts = new LinkedHashMap<>();

	private int dropped;

	void add(String warning) {
		if (this.counts.containsKey(warning) || this.counts.size() < MAX) {
			this.counts.merge(warning, 1, Integer::sum);
		}
		else {
			this.dropped++;
		}
	}

	List<String> list() {
		List<String> list = new ArrayList<>(this.counts.size() + 1);
		this.counts.forEach((warning, count) -> list.add(count == 1 ? warning : warning + " (" + count + " times)"));
		if (this.dropped > 0) {
			list.add(this.dropped + " more warnings not listed");
		}
		return List.copyOf(list);
	}

}
