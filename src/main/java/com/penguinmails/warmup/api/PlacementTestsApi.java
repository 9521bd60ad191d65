package com.penguinmails.warmup.api;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.warmup.PlacementTest;
import com.penguinmails.warmup.PlacementTests;

@RestController
@RequestMapping(path = "/api/v1/warmup/placement-tests", produces = "application/json")
@Tag(name = "Warmup", description = WarmupApi.TAG)
@SecurityRequirement(name = "apiKey")
class PlacementTestsApi {

	private final PlacementTests tests;

	private final Tenancy tenancy;

	private final Clock clock;

	PlacementTestsApi(PlacementTests tests, Tenancy tenancy, Clock clock) {
		this.tests = tests;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Send a campaign step, rendered for the sample contact, to seed mailboxes: \"pool\" (the "
			+ "warmup pool's mailboxes, two per provider) and/or addresses (1-50 seeds); each copy is then looked "
			+ "for in the seeds PenguinMails can read")
	@ApiResponse(responseCode = "201", description = "Sent; seeds are pending until found (or missing after 15 min)")
	@ApiResponse(responseCode = "400",
			description = "Unknown campaign, step, variant or mailbox; no seeds; more than 50; not an address")
	ResponseEntity<PlacementTest> create(@RequestBody PlacementTests.NewPlacementTest request) {
		PlacementTest test = tests.create(tenancy.current(), request, clock.instant());
		return ResponseEntity.created(URI.create("/api/v1/warmup/placement-tests/" + test.id())).body(test);
	}

	@GetMapping
	@Operation(summary = "The workspace's placement tests, newest first, with counts per placement")
	CursorPage<PlacementTest.Summary> list(@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "20") int limit) {
		return tests.list(tenancy.current(), cursor, limit);
	}

	@GetMapping("/{id}")
	@Operation(summary = "A placement test with each seed's placement and the counts per provider")
	@ApiResponse(responseCode = "404", description = "No such test in the workspace")
	PlacementTest get(@PathVariable UUID id) {
		return tests.get(tenancy.current(), id);
	}

	@PostMapping("/{id}/check")
	@Operation(summary = "Look for the copies not found yet now (otherwise checked every minute for 15 minutes)")
	@ApiResponse(responseCode = "404", description = "No such test in the workspace")
	PlacementTest check(@PathVariable UUID id) {
		return tests.check(tenancy.current(), id, clock.instant());
	}

}
