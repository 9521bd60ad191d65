package com.penguinmails.analytics.api;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.analytics.ContactTimeline;
import com.penguinmails.analytics.TimelineEntry;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

/** A contact's activity timeline in the API. */
@RestController
@Tag(name = "Contacts", description = "Contacts (leads) and CSV imports")
@SecurityRequirement(name = "apiKey")
class ContactTimelineApi {

	private final ContactTimeline timeline;

	private final Tenancy tenancy;

	ContactTimelineApi(ContactTimeline timeline, Tenancy tenancy) {
		this.timeline = timeline;
		this.tenancy = tenancy;
	}

	@GetMapping(path = "/api/v1/contacts/{id}/timeline", produces = "application/json")
	@Operation(summary = "A contact's activity, newest first: messages sent (campaign, step, variant, mailbox), "
			+ "opens and clicks (machines' marked), replies with their text and conversation, auto-replies, "
			+ "bounces with the reason, complaints, unsubscribes, and list/tag/field/status changes with who made "
			+ "them. Needs contacts:read; another workspace's contact is a 404")
	CursorPage<TimelineEntry> timeline(@PathVariable UUID id,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
			@Parameter(description = "1 to 200") @RequestParam(defaultValue = "50") int limit,
			@Parameter(description = "comma-separated groups: mail, engagement, changes (empty: all)") @RequestParam(
					required = false) String kinds) {
		return timeline.of(tenancy.current(), id, cursor, limit, groups(kinds));
	}

	static Set<String> groups(String kinds) {
		if (kinds == null || kinds.isBlank() || kinds.strip().equals("all")) {
			return Set.of();
		}
		return Arrays.stream(kinds.split(",")).map(String::strip).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
	}

}
