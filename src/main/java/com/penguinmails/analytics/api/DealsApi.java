package com.penguinmails.analytics.api;

import com.penguinmails.shared.Tenant;

import com.fasterxml.jackson.annotation.JsonAlias;

import java.math.BigDecimal;

import java.time.Instant;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.penguinmails.analytics.Deal;
import com.penguinmails.analytics.DealSource;
import com.penguinmails.analytics.Deals;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

/** Deals recorded against contacts: the revenue that attribution credits to campaigns. */
@RestController
@RequestMapping(path = "/api/v1/deals", produces = "application/json")
@Tag(name = "Analytics",
		description = "Workspace analytics, exports and scheduled reports over any period and filter, read from hourly rollups")
@SecurityRequirement(name = "apiKey")
class DealsApi {

	private final Deals deals;

	private final Tenancy tenancy;

	DealsApi(Deals deals, Tenancy tenancy) {
		this.deals = deals;
		this.tenancy = tenancy;
	}

	/**
	 * A deal as the API takes it: {@link Deals.NewDeal} with closedAt as text.
	 *
	 * @param closedAt ISO 8601 ({@code 2026-11-03T14:00:00Z}), a local time
	 * ({@code 2026-11-03T14:00}) or a date ({@code 2026-11-03}) in the workspace's zone
	 */
	record DealBody(@JsonAlias("contact_id") UUID contactId, String email, String name, BigDecimal amount,
			String currency, @JsonAlias("closed_at") String closedAt, @JsonAlias("external_id") String externalId) {
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Record a deal won with a contact (named by email or contactId): amount (0 or more, two "
			+ "decimals), currency (ISO 4217), closedAt (ISO 8601), an optional name; with externalId it is an upsert: "
			+ "the workspace's deal with that externalId is updated (200) instead of a second one made (201)")
	@ApiResponse(responseCode = "201", description = "Recorded",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Deal.class)))
	@ApiResponse(responseCode = "200", description = "Updated the deal with this externalId",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Deal.class)))
	@ApiResponse(responseCode = "422",
			description = "No such contact in the workspace, or contactId and email " + "name different contacts")
	ResponseEntity<Deal> record(@RequestBody DealBody body) {
		Tenant tenant = tenancy.current();
		// closedAt as the page and CSV take it: an ISO 8601 time, or a date alone (the
		// end of that day in the workspace's time zone).
		Instant closedAt = body.closedAt() == null || body.closedAt().isBlank() ? null
				: Deals.closedAt(body.closedAt(), deals.zone(tenant));
		Deals.NewDeal deal = new Deals.NewDeal(body.contactId(), body.email(), body.name(), body.amount(),
				body.currency(), closedAt, body.externalId());
		Deals.Recorded recorded = deals.record(tenant, deal, DealSource.API);
		if (!recorded.created()) {
			return ResponseEntity.ok(recorded.deal());
		}
		return ResponseEntity.created(URI.create("/api/v1/deals/" + recorded.deal().id())).body(recorded.deal());
	}

	@GetMapping
	@Operation(summary = "The workspace's deals, newest closed first; pass nextCursor back as cursor for the next "
			+ "page (limit 1 to 500)")
	CursorPage<Deal> list(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "" + Deals.DEFAULT_LIMIT) int limit) {
		return deals.list(tenancy.current(), cursor, limit);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One deal")
	Deal get(@PathVariable UUID id) {
		return deals.get(tenancy.current(), id);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a deal: its revenue leaves every figure")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		deals.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/import", consumes = { "text/csv", "text/plain" })
	@Operation(summary = "Record many deals from a CSV (UTF-8) with the columns email, amount, currency, closed_at, "
			+ "name, external_id (a header row in any order, or that order without one; closed_at a date or an ISO "
			+ "8601 time, in the workspace's time zone when it has none). Each row is recorded on its own and "
			+ "reported with its line number: a bad row never stops the good ones; external_id makes a row an upsert")
	Deals.ImportResult importCsv(@RequestBody String csv) {
		return deals.importCsv(tenancy.current(), new StringReader(csv));
	}

	@PostMapping(path = "/import", consumes = "multipart/form-data")
	Deals.ImportResult importFile(@RequestParam("file") MultipartFile file) throws IOException {
		return deals.importCsv(tenancy.current(), new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8));
	}

}
