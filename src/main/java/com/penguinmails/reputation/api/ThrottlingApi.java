package com.penguinmails.reputation.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.reputation.SendingThrottles;
import com.penguinmails.reputation.SendingThrottles.Decision;
import com.penguinmails.reputation.SendingThrottles.PathView;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/reputation/throttling", produces = "application/json")
@Tag(name = "Reputation: throttling",
		description = "Sending paths (a mailbox to a recipient provider) slowed or suspended from the providers' replies,"
				+ " the decisions with their evidence, and overrides")
@SecurityRequirement(name = "apiKey")
class ThrottlingApi {

	private final SendingThrottles throttles;

	private final Tenancy tenancy;

	ThrottlingApi(SendingThrottles throttles, Tenancy tenancy) {
		this.throttles = throttles;
		this.tenancy = tenancy;
	}

	@GetMapping("/paths")
	@Operation(summary = "The paths limited now (slowed, suspended, on trial) and those changed in the last 7 days")
	List<PathView> paths() {
		return throttles.paths(tenancy.current());
	}

	@GetMapping("/decisions")
	@Operation(summary = "The latest throttling decisions, newest first, with the replies they rest on")
	@ApiResponse(responseCode = "200", description = "The decisions")
	@ApiResponse(responseCode = "400", description = "limit out of 1–500")
	List<Decision> decisions(@Parameter(description = "How many, 1–500") @RequestParam(defaultValue = "50") int limit) {
		return throttles.decisions(tenancy.current(), limit);
	}

	@PostMapping(path = "/paths/{mailboxId}/{path}/override", consumes = "application/json")
	@Operation(summary = "Override a path: resume now, keep suspended until a time, or a custom rate")
	@ApiResponse(responseCode = "200", description = "The decision, stored and in force")
	@ApiResponse(responseCode = "400", description = "Unknown action, until or rate out of range, malformed id")
	@ApiResponse(responseCode = "404", description = "No such mailbox in the workspace")
	Decision override(@PathVariable UUID mailboxId,
			@Parameter(
					description = "google, microsoft, yahoo, or another receiver's domain") @PathVariable String path,
			@RequestBody SendingThrottles.Override override) {
		return throttles.override(tenancy.current(), mailboxId, path, override);
	}

}
