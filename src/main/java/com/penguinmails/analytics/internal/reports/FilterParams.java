package com.penguinmails.analytics.internal.reports;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Parameter;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.shared.InvalidInputProblem;

/**
 * An {@link AnalyticsFilter} from request parameters, the same on the analytics page, its
 * downloads and the API: {@code from} and {@code to} (ISO 8601 dates, {@code yyyy-MM-dd};
 * by default the last 30 days up to today), {@code campaign} and {@code mailbox} (ids,
 * repeatable or comma-separated), {@code domain}, {@code step} (1-based), {@code variant}
 * ({@code A}, {@code B}... or 0, 1...), {@code provider} ({@code google},
 * {@code microsoft}, {@code yahoo}, {@code other}), {@code list} (an id) and {@code tag}.
 * Blank parameters are left out. A value that does not parse is an
 * {@link InvalidInputProblem} (400) naming the parameter.
 */
public record FilterParams(@Parameter(description = "first day, yyyy-MM-dd (default: 29 days before to)") String from,
		@Parameter(description = "last day, yyyy-MM-dd (default: today in the workspace's time zone)") String to,
		@Parameter(description = "campaign ids, comma-separated (or the parameter repeated)") String campaign,
		@Parameter(description = "sending mailbox ids, comma-separated (or the parameter repeated)") String mailbox,
		@Parameter(description = "a sending domain: its mailboxes only") String domain,
		@Parameter(description = "a sequence step, from 1") String step,
		@Parameter(description = "an A/B variant: A, B... (or 0, 1...)") String variant,
		@Parameter(description = "recipients' mail provider: google, microsoft, yahoo or other") String provider,
		@Parameter(description = "contacts on this list only (its id)") String list,
		@Parameter(description = "contacts with this tag only") String tag) {

	/** The period when the request names none, in days up to today. */
	public static final int DEFAULT_DAYS = 30;

	/**
	 * The filter the parameters describe.
	 * @param zone the workspace's time zone (days start at its midnight)
	 * @param today today in that zone
	 * @throws InvalidInputProblem when a parameter does not parse or the period is
	 * backwards or longer than {@value AnalyticsFilter#MAX_DAYS} days
	 */
	public AnalyticsFilter filter(ZoneId zone, LocalDate today) {
		LocalDate last = blank(to) ? today : date("to", to);
		LocalDate first = blank(from) ? last.minusDays(DEFAULT_DAYS - 1L) : date("from", from);
		try {
			return new AnalyticsFilter(first, last, zone, ids("campaign", campaign), ids("mailbox", mailbox),
					blank(domain) ? null : domain.trim().toLowerCase(Locale.ROOT), step(step), variant(variant),
					provider(provider), blank(list) ? null : id("list", list), blank(tag) ? null : tag.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-period", ex.getMessage());
		}
	}

	private static LocalDate date(String name, String value) {
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputProblem("invalid-" + name, name + " is a date as yyyy-MM-dd, not '" + value + "'");
		}
	}

	/**
	 * Ids separated by commas (Spring joins a repeated parameter's values with commas).
	 */
	private static Set<UUID> ids(String name, String values) {
		Set<UUID> ids = new LinkedHashSet<>();
		if (values != null) {
			for (String part : values.split(",")) {
				if (!blank(part)) {
					ids.add(id(name, part));
				}
			}
		}
		return ids;
	}

	private static UUID id(String name, String value) {
		try {
			return UUID.fromString(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-" + name, name + " is an id, not '" + value + "'");
		}
	}

	private static Integer step(String value) {
		if (blank(value)) {
			return null;
		}
		try {
			int step = Integer.parseInt(value.trim());
			if (step >= 1) {
				return step;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new InvalidInputProblem("invalid-step", "step is a step number from 1, not '" + value + "'");
	}

	private static Integer variant(String value) {
		if (blank(value)) {
			return null;
		}
		String v = value.trim().toUpperCase(Locale.ROOT);
		if (v.length() == 1 && v.charAt(0) >= 'A' && v.charAt(0) <= 'Z') {
			return v.charAt(0) - 'A';
		}
		try {
			int n = Integer.parseInt(v);
			if (n >= 0 && n < 26) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new InvalidInputProblem("invalid-variant",
				"variant is a letter (A, B...) or 0, 1..., not '" + value + "'");
	}

	private static RecipientProvider provider(String value) {
		if (blank(value)) {
			return null;
		}
		for (RecipientProvider provider : RecipientProvider.values()) {
			if (provider.value().equalsIgnoreCase(value.trim())) {
				return provider;
			}
		}
		throw new InvalidInputProblem("invalid-provider",
				"provider is google, microsoft, yahoo or other, not '" + value + "'");
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
