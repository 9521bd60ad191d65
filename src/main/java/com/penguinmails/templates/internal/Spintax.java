package com.penguinmails.templates.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.hash.Hashing;

/**
 * Spintax: {@code {a|b|c}} becomes one of its options, chosen from a murmur3 hash of a
 * seed (the recipient) and the group, so one contact always gets the same text and
 * contacts differ. Liquid's {@code {{ }}} and {@code {% %}} are not spintax.
 */
final class Spintax {

	/**
	 * {@code {a|b|c}} with at least one bar, not part of a Liquid {@code {{ }}} or
	 * {@code {% %}}.
	 */
	static final Pattern GROUP = Pattern.compile("(?<!\\{)\\{(?![{%])([^{}|]*(?:\\|[^{}|]*)+)\\}(?!\\})");

	/** A source cut into literal text and groups. */
	private sealed interface Part {

	}

	private record Literal(String text) implements Part {
	}

	private record Choice(List<String> options) implements Part {
	}

	private static final Map<String, List<Part>> PLANS = new ConcurrentHashMap<>();

	private Spintax() {
	}

	/**
	 * The source with each group replaced by one option. The source is split into literal
	 * text and groups once and cached.
	 */
	static String spin(String source, String seed) {
		if (source == null || source.indexOf('|') < 0) {
			return source;
		}
		if (PLANS.size() > 10_000) {
			PLANS.clear();
		}
		StringBuilder out = new StringBuilder(source.length());
		int index = 0;
		for (Part part : PLANS.computeIfAbsent(source, Spintax::plan)) {
			if (part instanceof Literal literal) {
				out.append(literal.text());
			}
			else if (part instanceof Choice choice) {
				List<String> options = choice.options();
				int pick = Math.floorMod(Hashing.murmur3_32_fixed()
					.hashString(seed + ":" + index++ + ":" + String.join("|", options), StandardCharsets.UTF_8)
					.asInt(), options.size());
				out.append(options.get(pick));
			}
		}
		return out.toString();
	}

	private static List<Part> plan(String source) {
		List<Part> plan = new ArrayList<>();
		Matcher matcher = GROUP.matcher(source);
		int last = 0;
		while (matcher.find()) {
			plan.add(new Literal(source.substring(last, matcher.start())));
			plan.add(new Choice(List.of(matcher.group(1).split("\\|", -1))));
			last = matcher.end();
		}
		plan.add(new Literal(source.substring(last)));
		return plan;
	}

}
