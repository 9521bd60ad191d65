package com.penguinmails.reputation.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.reputation.BlocklistDelisting;
import com.penguinmails.reputation.BlocklistListing;
import com.penguinmails.reputation.ChecklistStep;
import com.penguinmails.reputation.ReputationTimeline;
import com.penguinmails.reputation.TimelineLinks;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

/**
 * The reputation timeline and the blocklist delisting workflow: what the pages
 * {@code /reputation}, {@code /reputation/{kind}/{key}} and
 * {@code /reputation/blocklists} show and do.
 */
@RestController
@RequestMapping(path = "/api/v1/reputation", produces = "application/json")
@Tag(name = "Reputation",
		description = "Reputation per domain, sending IP and mailbox: the timeline, the score and blocklist delisting")
@SecurityRequirement(name = "apiKey")
class TimelineApi {

	/**
	 * A checklist step to mark.
	 *
	 * @param step find_cause, fix, request_removal, wait or recheck
	 * @param done true to mark it done, false to mark it not done again
	 */
	record StepChange(@NotBlank String step, Boolean done) {
	}

	private final ReputationTimeline timeline;

	private final BlocklistDelisting delisting;

	private final Tenancy tenancy;

	private final Clock clock;

	private final TimelineLinks links;

	TimelineApi(ReputationTimeline timeline, TimelineLinks links, BlocklistDelisting delisting, Tenancy tenancy,
			Clock clock) {
		this.timeline = timeline;
		this.links = links;
		this.delisting = delisting;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@GetMapping("/subjects")
	@Operation(
			summary = "Every domain, sending IP and mailbox with today's score (the 7 days to today, UTC), its 7-day trend and worst part")
	@ApiResponse(responseCode = "200", description = "The subjects; score, trend and worst are null without data")
	List<ReputationTimeline.Summary> subjects() {
		return timeline.overview(tenancy.current(), today());
	}

	@GetMapping("/{kind:domain|ip|mailbox}/{key}")
	@Operation(
			summary = "A subject's timeline: every figure of every source per UTC day, each day's score and the current breakdown")
	@ApiResponse(responseCode = "200", description = "The timeline, oldest day first")
	@ApiResponse(responseCode = "400",
			description = "A malformed key (domain name, IP address, mailbox id) or days out of 1–366")
	@ApiResponse(responseCode = "404", description = "No source knows the subject in the workspace")
	ReputationTimeline.Timeline subject(@Parameter(description = "domain, ip or mailbox") @PathVariable String kind,
			@Parameter(description = "The domain name, the IP address or the mailbox id") @PathVariable String key,
			@Parameter(description = "Days ending today (UTC): 1–366") @RequestParam(defaultValue = "30") int days) {
		return timeline.timeline(tenancy.current(), kind, key, days, today());
	}

	@GetMapping("/{kind:domain|ip|mailbox}/{key}/related")
	@Operation(
			summary = "What a subject is tied to: its domain's id under Domains (for the domain and DMARC pages), a mailbox's domain and sending IP, the mailboxes and IPs of a domain or IP")
	@ApiResponse(responseCode = "200", description = "The ties; domainId is null when the domain is not added")
	@ApiResponse(responseCode = "400", description = "A malformed key (domain name, IP address, mailbox id)")
	TimelineLinks.Related related(@Parameter(description = "domain, ip or mailbox") @PathVariable String kind,
			@Parameter(description = "The domain name, the IP address or the mailbox id") @PathVariable String key) {
		return links.of(tenancy.current(), kind, key);
	}

	@GetMapping("/blocklists/last-check")
	@Operation(summary = "When the workspace's last blocklist check ran and how many lists and targets it asked")
	@ApiResponse(responseCode = "200", description = "The last check; at is null when none ran")
	BlocklistDelisting.LastCheck lastCheck() {
		return delisting.lastCheck(tenancy.current());
	}

	@GetMapping("/blocklists")
	@Operation(
			summary = "Every blocklist listing of the workspace's domains and sending IPs, open ones first, with the removal page and checklist")
	@ApiResponse(responseCode = "200", description = "The listings (at most 500)")
	List<BlocklistListing> blocklists() {
		return delisting.listings(tenancy.current());
	}

	@PostMapping(path = "/blocklists/{id}/steps", consumes = "application/json")
	@Operation(summary = "Mark a step of a listing's delisting checklist done or not done")
	@ApiResponse(responseCode = "200", description = "The listing as it stands")
	@ApiResponse(responseCode = "400", description = "An unknown step")
	@ApiResponse(responseCode = "404", description = "No such listing in the workspace")
	BlocklistListing step(@PathVariable UUID id, @Valid @RequestBody StepChange change) {
		ChecklistStep step;
		try {
			step = ChecklistStep.of(change.step());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-step",
					"The step is one of find_cause, fix, request_removal, wait, recheck.");
		}
		return delisting.step(tenancy.current(), id, step, change.done() == null || change.done());
	}

	@PostMapping("/blocklists/{id}/recheck")
	@Operation(
			summary = "Look the listing's domain and its sending IPs up in every blocklist now; the listing closes when the list answers clean")
	@ApiResponse(responseCode = "200", description = "The listing after the check")
	@ApiResponse(responseCode = "404", description = "No such listing in the workspace")
	BlocklistListing recheck(@PathVariable UUID id) {
		return delisting.recheck(tenancy.current(), id);
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(ZoneOffset.UTC));
	}

}
