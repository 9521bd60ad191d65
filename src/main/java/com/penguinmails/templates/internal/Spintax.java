package com.penguinmails.templates.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.common.hash.Hashing;

/**
 * Spintax: {@code {a|b|c}} becomes one of its options, chosen from a murmur3 hash of a
 * seed (the recipient) and the group, so one contact always gets the same text and
 * contacts differ. Groups nest ({@code {Hi|{Hello|Hey} there}}: the inner group is chosen
 * only when its option is) and options may hold Liquid. Liquid's {@code {{ }}} and
 * {@code {% %}} are not spintax, nor is a brace pair without a bar (CSS, JSON) or an
 * unclosed brace: those stay as written.
 * <p>
 * {@link #spin} (the sender's choice) and {@link #expandAll} (the preview's list of every
 * variant) read the same parse, so the preview lists exactly the texts a recipient can
 * get.
 */
public final class Spintax {

	/** Deeper groups than this are left as written (bounds the parser's recursion). */
	private static final int MAX_DEPTH = 20;

	/**
	 * One group as written.
	 *
	 * @param source the group with its braces, e.g. {@code {Hi|Hello}}
	 * @param options each option's source (nested groups unexpanded)
	 * @param depth 0 for a top-level group, 1 inside an option of one, ...
	 */
	public record Group(String source, List<String> options, int depth) {
	}

	/** A source cut into literal text and groups. */
	private sealed interface Part {

	}

	private record Literal(String text) implements Part {
	}

	/**
	 * @param raw the source between the braces: the hash input of the choice
	 */
	private record Choice(String raw, int start, int end, List<List<Part>> options,
			List<String> sources) implements Part {
	}

	private static final Map<String, List<Part>> PLANS = new ConcurrentHashMap<>();

	private Spintax() {
	}

	/**
	 * The source with each group replaced by one option. The source is parsed once and
	 * cached. A top-level group's choice hashes {@code seed:index:options} (index counts
	 * top-level groups); a nested one's index is its path ({@code 0.1}).
	 */
	static String spin(String source, String seed) {
		if (source == null || source.indexOf('|') < 0) {
			return source;
		}
		StringBuilder out = new StringBuilder(source.length());
		spin(plan(source), seed, "", out);
		return out.toString();
	}

	private static void spin(List<Part> parts, String seed, String path, StringBuilder out) {
		int index = 0;
		for (Part part : parts) {
			if (part instanceof Literal literal) {
				out.append(literal.text());
			}
			else if (part instanceof Choice choice) {
				String key = path + index++;
				int pick = Math.floorMod(Hashing.murmur3_32_fixed()
					.hashString(seed + ":" + key + ":" + choice.raw(), StandardCharsets.UTF_8)
					.asInt(), choice.options().size());
				spin(choice.options().get(pick), seed, key + ".", out);
			}
		}
	}

	/**
	 * Every distinct text {@link #spin} can give for {@code source}, in order (first
	 * option first), at most {@code limit} of them. A source without groups gives itself.
	 */
	public static List<String> expandAll(String source, int limit) {
		if (source == null) {
			return List.of();
		}
		if (source.indexOf('|') < 0) {
			return List.of(source);
		}
		return expand(plan(source), Math.max(1, limit));
	}

	private static List<String> expand(List<Part> parts, int limit) {
		List<String> texts = List.of("");
		for (Part part : parts) {
			List<String> endings;
			if (part instanceof Literal literal) {
				endings = List.of(literal.text());
			}
			else {
				Set<String> options = new LinkedHashSet<>();
				for (List<Part> option : ((Choice) part).options()) {
					options.addAll(expand(option, limit));
					if (options.size() >= limit) {
						break;
					}
				}
				endings = List.copyOf(options);
			}
			Set<String> joined = new LinkedHashSet<>();
			outer: for (String text : texts) {
				for (String ending : endings) {
					joined.add(text + ending);
					if (joined.size() >= limit) {
						break outer;
					}
				}
			}
			texts = List.copyOf(joined);
		}
		return texts;
	}

	/**
	 * How many ways {@link #spin} can choose (options of nested groups multiply their own
	 * option); 1 without groups, {@link Long#MAX_VALUE} when beyond it. Equal options
	 * count separately, so distinct texts may be fewer.
	 */
	public static long combinations(String source) {
		if (source == null || source.indexOf('|') < 0) {
			return 1;
		}
		return combinations(plan(source));
	}

	private static long combinations(List<Part> parts) {
		long product = 1;
		for (Part part : parts) {
			if (part instanceof Choice choice) {
				long sum = 0;
				for (List<Part> option : choice.options()) {
					sum = saturated(sum + combinations(option));
				}
				product = product > Long.MAX_VALUE / Math.max(sum, 1) ? Long.MAX_VALUE : product * sum;
			}
		}
		return product;
	}

	private static long saturated(long value) {
		return value < 0 ? Long.MAX_VALUE : value;
	}

	/** The groups of {@code source}, nested ones included, in the order they start. */
	public static List<Group> groups(String source) {
		List<Group> groups = new ArrayList<>();
		if (source != null && source.indexOf('|') >= 0) {
			collect(source, plan(source), 0, groups);
		}
		return groups;
	}

	private static void collect(String source, List<Part> parts, int depth, List<Group> groups) {
		for (Part part : parts) {
			if (part instanceof Choice choice) {
				groups.add(new Group(source.substring(choice.start(), choice.end()), choice.sources(), depth));
				choice.options().forEach(option -> collect(source, option, depth + 1, groups));
			}
		}
	}

	private static List<Part> plan(String source) {
		if (PLANS.size() > 10_000) {
			PLANS.clear();
		}
		return PLANS.computeIfAbsent(source, s -> new Parser(s).sequence(0, s.length(), 0));
	}

	/**
	 * Braces are paired first (a stack; Liquid tokens skipped), then a pair whose content
	 * has a bar outside inner pairs is a group and its options are parsed the same way.
	 * Time is linear in the source times the nesting depth.
	 */
	private static final class Parser {

		private final String source;

		/** For each single {@code {}, the index of its {@code }}, else -1. */
		private final int[] closing;

		Parser(String source) {
			this.source = source;
			this.closing = new int[source.length()];
			java.util.Arrays.fill(closing, -1);
			java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
			for (int i = 0; i < source.length(); i++) {
				int token = liquidEnd(i);
				if (token > i) {
					i = token - 1;
				}
				else if (source.charAt(i) == '{') {
					open.push(i);
				}
				else if (source.charAt(i) == '}' && !open.isEmpty()) {
					closing[open.pop()] = i;
				}
			}
		}

		/**
		 * Where the Liquid output or tag at {@code i} ends (exclusive), or {@code i} when
		 * none starts there; its bars are filters, its braces Liquid's.
		 */
		private int liquidEnd(int i) {
			if (source.charAt(i) != '{' || i + 1 >= source.length()) {
				return i;
			}
			char next = source.charAt(i + 1);
			if (next != '{' && next != '%') {
				return i;
			}
			int end = source.indexOf(next == '{' ? "}}" : "%}", i + 2);
			return end < 0 ? i + 2 : end + 2;
		}

		/** Literal text and groups of {@code source[from, to)}. */
		List<Part> sequence(int from, int to, int depth) {
			List<Part> parts = new ArrayList<>();
			StringBuilder literal = new StringBuilder();
			int pos = from;
			while (pos < to) {
				int token = liquidEnd(pos);
				if (token > pos) {
					literal.append(source, pos, token);
					pos = token;
					continue;
				}
				List<Integer> bars = source.charAt(pos) == '{' && closing[pos] > 0 && depth < MAX_DEPTH ? bars(pos)
						: List.of();
				if (bars.isEmpty()) {
					literal.append(source.charAt(pos++));
					continue;
				}
				flush(literal, parts);
				int end = closing[pos];
				List<List<Part>> options = new ArrayList<>();
				List<String> sources = new ArrayList<>();
				int start = pos + 1;
				for (int bar : bars) {
					options.add(sequence(start, bar, depth + 1));
					sources.add(source.substring(start, bar));
					start = bar + 1;
				}
				parts.add(new Choice(source.substring(pos + 1, end), pos, end + 1, List.copyOf(options),
						List.copyOf(sources)));
				pos = end + 1;
			}
			flush(literal, parts);
			return parts;
		}

		/**
		 * The positions of the pair at {@code open}'s top-level bars followed by its
		 * closing brace, or an empty list when it has no bar (not a group).
		 */
		private List<Integer> bars(int open) {
			List<Integer> bars = new ArrayList<>();
			int end = closing[open];
			int i = open + 1;
			while (i < end) {
				int token = liquidEnd(i);
				if (token > i) {
					i = token;
				}
				else if (source.charAt(i) == '{' && closing[i] > 0) {
					i = closing[i] + 1;
				}
				else {
					if (source.charAt(i) == '|') {
						bars.add(i);
					}
					i++;
				}
			}
			if (bars.isEmpty()) {
				return bars;
			}
			bars.add(end);
			return bars;
		}

		private static void flush(StringBuilder literal, List<Part> parts) {
			if (!literal.isEmpty()) {
				parts.add(new Literal(literal.toString()));
				literal.setLength(0);
			}
		}

	}

}
