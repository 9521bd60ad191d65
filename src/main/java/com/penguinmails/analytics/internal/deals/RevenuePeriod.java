package com.penguinmails.analytics.internal.deals;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.Deals;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;

/**
 * The revenue view's period as the page and the API take it ({@code from}, {@code to} as
 * ISO dates, an optional IANA zone): the last 30 days up to today by default, in the
 * workspace's time zone.
 */
@Component
public class RevenuePeriod {

	/** Days shown when the caller gives no period. */
	public static final int DEFAULT_DAYS = 30;

	private final Deals deals;

	private final Clock clock;

	RevenuePeriod(Deals deals, Clock clock) {
		this.deals = deals;
		this.clock = clock;
	}

	/**
	 * The filter of the period and campaigns given; blanks take the defaults.
	 * @throws InvalidInputProblem 400 {@code invalid-period} for a date that is not
	 * {@code YYYY-MM-DD}, a zone that is not an IANA name, {@code to} before
	 * {@code from}, or more than {@link AnalyticsFilter#MAX_DAYS} days
	 */
	public AnalyticsFilter filter(Tenant tenant, String from, String to, String zone, List<UUID> campaignIds) {
		ZoneId zoneId;
		try {
			zoneId = zone == null || zone.isBlank() ? deals.zone(tenant) : ZoneId.of(zone.strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidInputProblem("invalid-period", "zone is an IANA time zone such as Europe/Paris.");
		}
		LocalDate last = blank(to) ? LocalDate.now(clock.withZone(zoneId)) : date("to", to);
		LocalDate first = blank(from) ? last.minusDays(DEFAULT_DAYS - 1L) : date("from", from);
		try {
			return new AnalyticsFilter(first, last, zoneId, campaignIds == null ? Set.of() : Set.copyOf(campaignIds),
					Set.of(), null, null, null, null, null, null);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-period", "The period is not valid: " + ex.getMessage() + ".");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static LocalDate date(String name, String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputProblem("invalid-period", name + " is a date written YYYY-MM-DD.");
		}
	}

}
