package com.penguinmails.reputation.internal.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import com.penguinmails.reputation.ReputationScore;
import com.penguinmails.reputation.ReputationScore.Part;

/**
 * The reputation score of one day from the figures of the 7 days ending on it (counts
 * summed, levels the latest of the window). Parts and weights (100 in all):
 * <ul>
 * <li>bounces 20: {@code 20 × max(0, 1 − bounced / sent / 0.05)};</li>
 * <li>complaints 15: {@code 15 × max(0, 1 − complaints / sent / 0.003)} (0.3 %, the Gmail
 * and Yahoo bulk sender limit);</li>
 * <li>warmup health 15: {@code 15 × health / 100};</li>
 * <li>blocklists 15: 15 when the last check found no listing, 0 when listed;</li>
 * <li>DMARC 10: {@code 10 × pass rate} (weighted by messages);</li>
 * <li>Postmaster reputation 10: {@code 10 × (level − 1) / 3} (BAD 0 … HIGH 10; the
 * domain's for a domain, the IP's for an IP);</li>
 * <li>Postmaster spam rate 10: {@code 10 × max(0, 1 − rate / 0.003)};</li>
 * <li>SNDS 5: {@code 5 × (colour − 1) / 2} (RED 0, YELLOW 2.5, GREEN 5).</li>
 * </ul>
 * A part without figures in the window is left out and the weights of the others
 * renormalised; no part at all, no score. Rates need volume: the bounce and complaint
 * parts count only with at least {@link #MIN_SENT} messages sent in the window, the DMARC
 * part only with at least {@link #MIN_DMARC_MESSAGES} messages reported; below that they
 * stay in the breakdown with weight 0 ("too few messages to rate (10 sent; 100 needed)"),
 * earning and costing nothing, so one bounce out of ten sends does not swing the score.
 */
public final class ScoreRules {

	/** Days a score counts: the day and the 6 before it. */
	public static final int WINDOW = 7;

	static final double BOUNCE_LIMIT = 0.05;

	/** Messages sent in the window before bounces and complaints are rated. */
	public static final int MIN_SENT = 100;

	/**
	 * Messages reported in DMARC aggregate reports in the window before DMARC is rated.
	 */
	public static final int MIN_DMARC_MESSAGES = 100;

	static final double COMPLAINT_LIMIT = 0.003;

	private ScoreRules() {
	}

	/**
	 * The score of the window's figures (all the figures of the subject in the 7 days
	 * ending on the scored day; the caller picks them), empty without any part.
	 */
	public static Optional<ReputationScore> score(List<DailyFigure> window) {
		List<Part> parts = new ArrayList<>();
		double sent = sum(window, n -> n.equals(DailyFigure.SENT));
		if (sent > 0 && sent < MIN_SENT) {
			String few = tooFew((long) sent + " sent", MIN_SENT);
			parts.add(new Part("bounces", "Bounces", 0, few, 0));
			parts.add(new Part("complaints", "Complaints", 0, few, 0));
		}
		else if (sent > 0) {
			double bounced = sum(window, n -> n.startsWith(DailyFigure.BOUNCED_PREFIX));
			parts.add(rate("bounces", "Bounces", 20, bounced, sent, BOUNCE_LIMIT, "bounced"));
			double complaints = sum(window, n -> n.equals(DailyFigure.COMPLAINTS));
			parts.add(rate("complaints", "Complaints", 15, complaints, sent, COMPLAINT_LIMIT, "complained"));
		}
		latest(window, DailyFigure.WARMUP_HEALTH).ifPresent(f -> parts.add(new Part("warmup", "Warmup health", 15,
				Math.round(f.value()) + " / 100", round(15 * clamp(f.value() / 100)))));
		latest(window, DailyFigure.BLOCKLIST_LISTINGS).ifPresent(f -> parts.add(new Part("blocklists", "Blocklists", 15,
				f.value() == 0 ? "Not listed" : "Listed on " + (f.text() != null ? f.text() : (int) f.value()),
				f.value() == 0 ? 15 : 0)));
		dmarc(window).ifPresent(parts::add);
		latest(window, DailyFigure.POSTMASTER_DOMAIN_REPUTATION)
			.or(() -> latest(window, DailyFigure.POSTMASTER_IP_REPUTATION))
			.ifPresent(f -> parts.add(new Part("postmaster_reputation", "Postmaster reputation", 10,
					f.text() != null ? f.text() : level(f.value()), round(10 * clamp((f.value() - 1) / 3)))));
		average(window, DailyFigure.POSTMASTER_SPAM_RATE)
			.ifPresent(rate -> parts.add(new Part("postmaster_spam_rate", "Postmaster spam rate", 10,
					"User-reported spam " + percent(rate), round(10 * Math.max(0, 1 - rate / COMPLAINT_LIMIT)))));
		latest(window, DailyFigure.SNDS_COLOUR).ifPresent(f -> parts.add(new Part("snds", "Microsoft SNDS", 5,
				f.text() != null ? f.text() : colour(f.value()), round(5 * clamp((f.value() - 1) / 2)))));
		int weights = parts.stream().mapToInt(Part::weight).sum();
		if (weights == 0) {
			return Optional.empty();
		}
		double points = parts.stream().mapToDouble(Part::points).sum();
		return Optional.of(new ReputationScore((int) Math.round(100 * points / weights), List.copyOf(parts)));
	}

	private static Part rate(String key, String label, int weight, double count, double sent, double limit,
			String verb) {
		double rate = count / sent;
		return new Part(key, label, weight,
				(long) count + " of " + (long) sent + " sent " + verb + " (" + percent(rate) + ")",
				round(weight * Math.max(0, 1 - rate / limit)));
	}

	private static Optional<Part> dmarc(List<DailyFigure> window) {
		List<DailyFigure> rates = of(window, DailyFigure.DMARC_PASS_RATE);
		if (rates.isEmpty()) {
			return Optional.empty();
		}
		double messages = sum(window, n -> n.equals(DailyFigure.DMARC_MESSAGES));
		if (messages < MIN_DMARC_MESSAGES) {
			return Optional
				.of(new Part("dmarc", "DMARC", 0, tooFew((long) messages + " reported", MIN_DMARC_MESSAGES), 0));
		}
		double passed = 0;
		for (DailyFigure r : rates) {
			passed += r.value() * window.stream()
				.filter(f -> f.name().equals(DailyFigure.DMARC_MESSAGES) && f.day().equals(r.day()))
				.mapToDouble(DailyFigure::value)
				.sum();
		}
		double rate = passed / messages;
		return Optional.of(new Part("dmarc", "DMARC", 10, percent(rate) + " passed of " + (long) messages + " reported",
				round(10 * clamp(rate))));
	}

	/** The figure of a part left out for lack of volume. */
	static String tooFew(String seen, int needed) {
		return "Too few messages to rate (" + seen + "; " + needed + " needed)";
	}

	private static double sum(List<DailyFigure> window, Predicate<String> name) {
		return window.stream().filter(f -> name.test(f.name())).mapToDouble(DailyFigure::value).sum();
	}

	private static List<DailyFigure> of(List<DailyFigure> window, String name) {
		return window.stream().filter(f -> f.name().equals(name)).toList();
	}

	private static Optional<DailyFigure> latest(List<DailyFigure> window, String name) {
		return of(window, name).stream().max(Comparator.comparing(DailyFigure::day));
	}

	private static Optional<Double> average(List<DailyFigure> window, String name) {
		List<DailyFigure> figures = of(window, name);
		return figures.isEmpty() ? Optional.empty()
				: Optional.of(figures.stream().mapToDouble(DailyFigure::value).average().orElse(0));
	}

	private static double clamp(double value) {
		return Math.max(0, Math.min(1, value));
	}

	static double round(double points) {
		return Math.round(points * 100) / 100.0;
	}

	/** A rate as a percentage with one decimal: {@code 0.0172} → "1.7 %". */
	public static String percent(double rate) {
		return String.format(Locale.ROOT, "%.1f %%", rate * 100);
	}

	private static String level(double value) {
		return switch ((int) Math.round(value)) {
			case 4 -> "High";
			case 3 -> "Medium";
			case 2 -> "Low";
			default -> "Bad";
		};
	}

	private static String colour(double value) {
		return switch ((int) Math.round(value)) {
			case 3 -> "Green";
			case 2 -> "Yellow";
			default -> "Red";
		};
	}

}
