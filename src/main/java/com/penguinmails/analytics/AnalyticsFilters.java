package com.penguinmails.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.StoredValue;

/**
 * Reads an {@link AnalyticsFilter} from request parameters, for the pages, the API and
 * exports alike. Every bad value is a 400 problem naming the parameter.
 */
@Component
public class AnalyticsFilters {

	/**
	 * The parameters as they come: all optional.
	 *
	 * @param from first day, ISO 8601 ({@code 2026-11-01}); with {@code to}
	 * @param to last day, inclusive
	 * @param days the last N days up to today (7, 30, 90, 365...), when from/to are not
	 * given; 30 by default
	 * @param campaign campaign ids
	 * @param mailbox mailbox ids
	 * @param domain a sending domain
	 * @param step a step, 1-based
	 * @param variant a variant letter (A, B...) or 0-based number
	 * @param provider google, microsoft, yahoo or other
	 * @param list a contact list's id: its contacts only (as the list is now)
	 * @param tag a contact tag: contacts with it only
	 */
	public record Params(String from, String to, String days, List<String> campaign, List<String> mailbox,
			String domain, String step, String variant, String provider, String list, String tag) {

		/** No parameter: the last 30 days. */
		public static final Params NONE = new Params(null, null, null, List.of(), List.of(), null, null, null, null,
				null, null);

	}

	private final Clock clock;

	AnalyticsFilters(Clock clock) {
		this.clock = clock;
	}

	/** The filter of {@code params} in the workspace's {@code zone}. */
	public AnalyticsFilter read(Params params, ZoneId zone) {
		LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
		LocalDate from;
		LocalDate to;
		if (blank(params.from()) && blank(params.to())) {
			int days = blank(params.days()) ? 30
					: number("days", params.days(), "days is a number of days from 1 to " + AnalyticsFilter.MAX_DAYS);
			if (days < 1 || days > AnalyticsFilter.MAX_DAYS) {
				throw new InvalidInputProblem("invalid-days",
						"days is a number of days from 1 to " + AnalyticsFilter.MAX_DAYS + ", not " + days);
			}
			from = today.minusDays(days - 1L);
			to = today;
		}
		else {
			from = blank(params.from()) ? null : date("from", params.from());
			to = blank(params.to()) ? today : date("to", params.to());
			if (from == null) {
				from = to.minusDays(29);
			}
			if (to.isBefore(from)) {
				throw new InvalidInputProblem("invalid-period", "to (" + to + ") is before from (" + from + ")");
			}
			if (java.time.temporal.ChronoUnit.DAYS.between(from, to) >= AnalyticsFilter.MAX_DAYS) {
				throw new InvalidInputProblem("invalid-period",
						"a period is at most " + AnalyticsFilter.MAX_DAYS + " days; ask for a shorter one");
			}
		}
		Integer step = blank(params.step()) ? null : number("step", params.step(), "step is a step number from 1");
		if (step != null && (step < 1 || step > 100)) {
			throw new InvalidInputProblem("invalid-step", "step is a step number from 1, not " + step);
		}
		return new AnalyticsFilter(from, to, zone, ids("campaign", params.campaign()), ids("mailbox", params.mailbox()),
				domain(params.domain()), step, variant(params.variant()), provider(params.provider()),
				list(params.list()), tag(params.tag()));
	}

	private static int number(String name, String value, String what) {
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputProblem("invalid-" + name, what + ", not \"" + value + "\"");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static LocalDate date(String name, String value) {
		try {
			return LocalDate.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputProblem("invalid-" + name,
					name + " is a day as YYYY-MM-DD (e.g. 2026-11-01), not \"" + value + "\"");
		}
	}

	private static Set<UUID> ids(String name, List<String> values) {
		Set<UUID> ids = new LinkedHashSet<>();
		if (values == null) {
			return ids;
		}
		for (String value : values) {
			for (String part : value.split(",")) {
				if (part.isBlank()) {
					continue;
				}
				try {
					ids.add(UUID.fromString(part.trim()));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputProblem("invalid-" + name, name + " is an id, not \"" + part.trim() + "\"");
				}
			}
		}
		return ids;
	}

	private static UUID list(String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return UUID.fromString(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-list", "list is a list's id, not \"" + value + "\"");
		}
	}

	private static String tag(String value) {
		if (blank(value)) {
			return null;
		}
		if (value.length() > 100) {
			throw new InvalidInputProblem("invalid-tag", "tag is at most 100 characters");
		}
		return value.trim();
	}

	private static String domain(String value) {
		if (blank(value)) {
			return null;
		}
		String domain = value.trim().toLowerCase(Locale.ROOT);
		if (!domain.matches("[a-z0-9.-]{1,253}")) {
			throw new InvalidInputProblem("invalid-domain", "domain is a domain name, not \"" + value + "\"");
		}
		return domain;
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
			int number = Integer.parseInt(v);
			if (number >= 0 && number < 26) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new InvalidInputProblem("invalid-variant", "variant is a letter (A, B...), not \"" + value + "\"");
	}

	private static RecipientProvider provider(String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return StoredValue.of(RecipientProvider.class, value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-provider",
					"provider is google, microsoft, yahoo or other, not \"" + value + "\"");
		}
	}

}
