package com.penguinmails.reputation.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.penguinmails.reputation.internal.postmaster.ConnectionStatus;
import com.penguinmails.reputation.internal.postmaster.TrafficStat;

/**
 * Words and badges for the Postmaster page: provider categories as people read them
 * ("High", "Red", "Rate limit exceeded"), ratios as percentages, times in UTC.
 */
public class PostmasterView {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	/** Words shown as written. */
	private static final java.util.Set<String> ACRONYMS = java.util.Set.of("DMARC", "DKIM", "SPF", "PTR", "RBL", "IP",
			"TLS");

	/**
	 * {@code HIGH} → "High", {@code RATE_LIMIT_EXCEEDED} → "Rate limit exceeded"; null →
	 * "—".
	 */
	public String words(String constant) {
		if (constant == null || constant.isBlank() || constant.endsWith("UNSPECIFIED")) {
			return "—";
		}
		StringBuilder words = new StringBuilder();
		for (String word : constant.split("_")) {
			String lower = word.toLowerCase(Locale.ROOT);
			String shown = ACRONYMS.contains(word) ? word
					: words.isEmpty() ? Character.toUpperCase(lower.charAt(0)) + lower.substring(1) : lower;
			words.append(words.isEmpty() ? "" : " ").append(shown);
		}
		return words.toString();
	}

	/** The badge class of a reputation or colour: ok, warn or bad. */
	public String badge(String constant) {
		if (constant == null) {
			return "badge";
		}
		return switch (constant) {
			case "HIGH", "GREEN" -> "badge ok";
			case "MEDIUM", "YELLOW" -> "badge warn";
			case "LOW", "BAD", "RED" -> "badge bad";
			default -> "badge";
		};
	}

	public String statusBadge(ConnectionStatus status) {
		return switch (status) {
			case CONNECTED -> "badge ok";
			case EXPIRED -> "badge bad";
			case FAILING -> "badge warn";
		};
	}

	/** A ratio 0–1 as a percentage with up to two decimals; null → "—". */
	public String percent(Double ratio) {
		if (ratio == null) {
			return "—";
		}
		return String.format(Locale.ENGLISH, "%.2f", ratio * 100).replaceAll("\\.?0+$", "") + "\u00a0%";
	}

	public String time(Instant instant) {
		return instant == null ? "never" : TIME.format(instant);
	}

	/** "High: 2 (1.2.3.4, …)" for each category. */
	public String ipReputations(List<TrafficStat.IpReputation> list) {
		if (list.isEmpty()) {
			return "—";
		}
		return list.stream()
			.map(ip -> words(ip.reputation()) + ": " + ip.ipCount()
					+ (ip.sampleIps().isEmpty() ? "" : " (" + String.join(", ", ip.sampleIps()) + ")"))
			.collect(Collectors.joining("; "));
	}

	/** "Permanent, Rate limit exceeded 1.5 %" for each error. */
	public String deliveryErrors(List<TrafficStat.DeliveryError> list) {
		if (list.isEmpty()) {
			return "—";
		}
		return list.stream()
			.map(e -> words(e.errorClass().replace("_ERROR", "")) + ", " + words(e.errorType()) + " "
					+ percent(e.errorRatio()))
			.collect(Collectors.joining("; "));
	}

}
