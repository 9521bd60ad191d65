package com.penguinmails.campaigns.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.campaigns.Campaigns.Draft;
import com.penguinmails.campaigns.Campaigns.Recipients;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.Tenant;

@RestController
@RequestMapping(path = "/api/v1/campaigns", produces = "application/json")
@Tag(name = "Campaigns", description = "Sequences sent from a pool of mailboxes, on a schedule")
@SecurityRequirement(name = "apiKey")
class CampaignsApi {

	/** Contacts to enrol: by id, and every contact of lists and saved segments. */
	record NewRecipients(List<UUID> contactIds, List<UUID> listIds, List<UUID> segmentIds) {
	}

	private final Campaigns campaigns;

	private final Outbox outbox;

	private final Tenancy tenancy;

	CampaignsApi(Campaigns campaigns, Outbox outbox, Tenancy tenancy) {
		this.campaigns = campaigns;
		this.outbox = outbox;
		this.tenancy = tenancy;
	}

	@GetMapping
	CursorPage<Campaign> list() {
		return CursorPage.of(campaigns.list(tenancy.current()));
	}

	@PostMapping
	@Operation(summary = "Create a draft campaign (mailboxes, steps with variants, schedule, stop conditions)")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Campaign> create(@RequestBody Draft draft) {
		Campaign campaign = campaigns.create(tenancy.current(), draft);
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).body(campaign);
	}

	@GetMapping("/{id}")
	Campaign get(@PathVariable UUID id) {
		return campaigns.get(tenancy.current(), id);
	}

	@PatchMapping("/{id}")
	@ApiResponse(responseCode = "409", description = "The campaign has ended (archived)")
	@Operation(summary = "Change a campaign; fields left out stay. A running campaign's future sends use the change")
	@ResponseStatus(HttpStatus.OK)
	Campaign update(@PathVariable UUID id, @RequestBody Draft draft) {
		return campaigns.update(tenancy.current(), id, draft);
	}

	@PostMapping("/{id}/launch")
	@ApiResponse(responseCode = "409", description = "Not a draft")
	@ApiResponse(responseCode = "422", description = "Cannot send yet; reasons lists every reason")
	@Operation(summary = "Start a draft; refused (422) with every reason when it cannot send")
	@ResponseStatus(HttpStatus.OK)
	Campaign launch(@PathVariable UUID id) {
		return campaigns.launch(tenancy.current(), id);
	}

	@PostMapping("/{id}/pause")
	@ApiResponse(responseCode = "409", description = "Not running")
	@ResponseStatus(HttpStatus.OK)
	Campaign pause(@PathVariable UUID id) {
		return campaigns.pause(tenancy.current(), id);
	}

	@PostMapping("/{id}/resume")
	@ApiResponse(responseCode = "409", description = "Not paused")
	@ResponseStatus(HttpStatus.OK)
	Campaign resume(@PathVariable UUID id) {
		return campaigns.resume(tenancy.current(), id);
	}

	@PostMapping("/{id}/archive")
	Campaign archive(@PathVariable UUID id) {
		return campaigns.archive(tenancy.current(), id);
	}

	@PostMapping("/{id}/recipients")
	@ApiResponse(responseCode = "409", description = "The campaign has ended (archived)")
	@Operation(summary = "Enrol contacts, lists and segments; also while the campaign runs")
	@ResponseStatus(HttpStatus.OK)
	Map<String, Integer> addRecipients(@PathVariable UUID id, @RequestBody NewRecipients recipients) {
		return Map.of("added", campaigns.addRecipients(tenancy.current(), id, recipients.contactIds(),
				recipients.listIds(), recipients.segmentIds()));
	}

	@GetMapping("/{id}/sends")
	@Operation(summary = "The campaign's messages, newest first: status, attempts, the SMTP reply")
	CursorPage<Outbox.Send> sends(@PathVariable UUID id, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		Tenant tenant = tenancy.current();
		campaigns.get(tenant, id);
		return outbox.sends(tenant, id, cursor, limit);
	}

	@GetMapping("/{id}/recipients")
	@Operation(summary = "Recipients by state: active, completed, stopped")
	Recipients recipients(@PathVariable UUID id,
			@Parameter(hidden = true) @RequestParam(required = false) String event) {
		if (event != null) {
			// Who did what is /people: this path answered enrolment counts first.
			throw new InvalidInputProblem("use-people",
					"This path counts recipients by state; the people who did something are at GET /api/v1/campaigns/"
							+ id + "/people?event=" + (event.matches("[a-z_]{1,20}") ? event : "replied") + ".");
		}
		return campaigns.recipients(tenancy.current(), id);
	}

}
