package com.penguinmails.reputation.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.reputation.PostmasterConnections;
import com.penguinmails.reputation.internal.postmaster.PostmasterPull;
import com.penguinmails.reputation.internal.postmaster.Provider;
import com.penguinmails.reputation.internal.postmaster.SndsDay;
import com.penguinmails.reputation.internal.postmaster.SndsIpStatus;
import com.penguinmails.reputation.internal.postmaster.TrafficStat;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.StoredValue;
import com.penguinmails.shared.Tenancy;

/**
 * Google Postmaster Tools and Microsoft SNDS over the API: the connections, what their
 * pulls brought, the SNDS key, disconnecting and pulling now. Connecting a Google account
 * needs a browser (Google's consent page), so it is on the page only.
 */
@RestController
@RequestMapping(path = "/api/v1/reputation/postmaster", produces = "application/json")
@Tag(name = "Reputation: Postmaster Tools and SNDS", description = PostmasterApi.TAG)
@SecurityRequirement(name = "apiKey")
class PostmasterApi {

	static final String TAG = "Google Postmaster Tools (per domain, OAuth 2.0 read-only access connected on the page) "
			+ "and Microsoft SNDS (per IP, an Automated Data Access key): pulled once a day; secrets are never returned.";

	/** Longest period the data operation returns (days). */
	static final int MAX_DAYS = 120;

	/**
	 * A connection (never its secret).
	 *
	 * @param provider {@code google} or {@code snds}
	 * @param status {@code connected}, {@code expired} (connect again) or {@code failing}
	 * @param message why it is not connected, or null
	 * @param account SNDS: "key ending in ab12"; Google: null
	 */
	record ConnectionView(String provider, String status, String message, String account, Instant connectedAt,
			Instant lastPulledAt, Instant nextPullAt) {

		static ConnectionView of(PostmasterConnections.Status s) {
			return s == null ? null : new ConnectionView(s.provider().value(), s.status().value(), s.message(),
					s.account(), s.connectedAt(), s.lastPulledAt(), s.nextPullAt());
		}

	}

	/**
	 * Both connections.
	 *
	 * @param google null when not connected
	 * @param snds null when not connected
	 * @param googleAvailable whether the installation has a Google OAuth client
	 */
	record Connections(ConnectionView google, ConnectionView snds, boolean googleAvailable) {
	}

	/**
	 * What the pulls brought over the period.
	 *
	 * @param traffic Postmaster Tools v1 TrafficStats per domain and day (ratios 0–1)
	 * @param snds SNDS data feed rows per IP and day (complaint rate 0–1)
	 * @param ipStatus the SNDS IP status feed as last pulled
	 */
	record Data(LocalDate from, LocalDate to, List<TrafficStat> traffic, List<SndsDay> snds,
			List<SndsIpStatus> ipStatus) {
	}

	/** The SNDS Automated Data Access key. */
	record SndsKey(String key) {
	}

	/**
	 * How a pull ended.
	 *
	 * @param status {@code connected}, {@code expired} or {@code failing}
	 * @param message what went wrong, or null
	 * @param days days of figures stored
	 */
	record Pull(String status, String message, int days) {
	}

	private final PostmasterConnections postmaster;

	private final Tenancy tenancy;

	private final Clock clock;

	PostmasterApi(PostmasterConnections postmaster, Tenancy tenancy, Clock clock) {
		this.postmaster = postmaster;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@GetMapping
	@Operation(summary = "The workspace's Postmaster Tools and SNDS connections")
	@ApiResponse(responseCode = "200", description = "Both connections (null when not connected)")
	Connections connections() {
		PostmasterConnections.Overview overview = postmaster.overview(tenancy.current());
		return new Connections(ConnectionView.of(overview.google()), ConnectionView.of(overview.snds()),
				overview.googleAvailable());
	}

	@GetMapping("/data")
	@Operation(summary = "The figures pulled for the days from `from` to `to` (UTC, both included)")
	@ApiResponse(responseCode = "200", description = "Traffic stats, SNDS days and the IP status feed")
	@ApiResponse(responseCode = "400", description = "A malformed date, from after to, or more than 120 days")
	Data data(
			@Parameter(description = "First day (YYYY-MM-DD); default 30 days ago") @RequestParam(
					required = false) LocalDate from,
			@Parameter(description = "Last day (YYYY-MM-DD); default today") @RequestParam(
					required = false) LocalDate to) {
		LocalDate last = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : to;
		LocalDate first = from == null ? last.minusDays(30) : from;
		if (first.isAfter(last) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			throw new InvalidInputProblem("postmaster-period",
					"from must be on or before to, and the period at most " + MAX_DAYS + " days.");
		}
		PostmasterConnections.Data data = postmaster.data(tenancy.current(), first, last);
		return new Data(first, last, data.traffic(), data.snds(), data.ipStatus());
	}

	@PutMapping(path = "/snds", consumes = "application/json")
	@Operation(summary = "Connect Microsoft SNDS with an Automated Data Access key (replaces the old key)")
	@ApiResponse(responseCode = "204", description = "Saved; the first pull runs within minutes")
	@ApiResponse(responseCode = "400", description = "Not a key's shape")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> connectSnds(@RequestBody SndsKey body) {
		postmaster.connectSnds(tenancy.current(), body == null ? null : body.key(), clock.instant());
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{provider}")
	@Operation(summary = "Disconnect a provider (Google's grant is revoked); the figures pulled stay")
	@ApiResponse(responseCode = "204", description = "Disconnected")
	@ApiResponse(responseCode = "404", description = "Not connected, or no such provider")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> disconnect(@Parameter(description = "`google` or `snds`") @PathVariable String provider) {
		postmaster.disconnect(tenancy.current(), provider(provider));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{provider}/sync")
	@Operation(summary = "Pull a provider now; says how it ended")
	@ApiResponse(responseCode = "200", description = "The pull ran (its status says whether it worked)")
	@ApiResponse(responseCode = "404", description = "Not connected, or no such provider")
	@ApiResponse(responseCode = "409", description = "Being pulled already, or must be connected again")
	Pull sync(@Parameter(description = "`google` or `snds`") @PathVariable String provider) {
		PostmasterPull.Outcome outcome = postmaster.syncNow(tenancy.current(), provider(provider), clock.instant());
		return new Pull(outcome.status().value(), outcome.message(), outcome.days());
	}

	private static Provider provider(String value) {
		try {
			return StoredValue.of(Provider.class, value);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundProblem("provider");
		}
	}

}
