package com.penguinmails.contacts.api;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.contacts.LeadScoring;
import com.penguinmails.contacts.LeadScoring.Rule;
import com.penguinmails.contacts.SegmentDefinition;
import com.penguinmails.contacts.SegmentDefinition.Condition;
import com.penguinmails.contacts.Segments;
import com.penguinmails.contacts.Segments.ContactList;
import com.penguinmails.contacts.Segments.Segment;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Lists and segments", description = "Contact lists, and saved filters with live counts")
@SecurityRequirement(name = "apiKey")
class SegmentsApi {

	record NewList(String name) {
	}

	/**
	 * The contacts to add to or remove from a list.
	 *
	 * @param contactIds the contacts' ids; required (a body without it, such as one with
	 * {@code emails}, is a 400 rather than "0 added")
	 */
	record Members(List<UUID> contactIds) {

		List<UUID> required() {
			if (contactIds == null) {
				throw new InvalidInputProblem("missing-contact-ids",
						"contactIds is required: the ids of the contacts (GET /api/v1/contacts finds them by email).");
			}
			return contactIds;
		}

	}

	record NewSegment(String name, SegmentDefinition definition) {
	}

	record Count(long contacts, List<String> sample) {
	}

	record NewRule(String name, Condition condition, Integer points) {
	}

	private final Segments segments;

	private final LeadScoring scoring;

	private final Tenancy tenancy;

	SegmentsApi(Segments segments, LeadScoring scoring, Tenancy tenancy) {
		this.segments = segments;
		this.scoring = scoring;
		this.tenancy = tenancy;
	}

	@GetMapping("/lists")
	CursorPage<ContactList> lists() {
		return CursorPage.of(segments.lists(tenancy.current()));
	}

	@PostMapping("/lists")
	@ApiResponse(responseCode = "409", description = "A list with that name exists")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<ContactList> createList(@RequestBody NewList request) {
		ContactList list = segments.createList(tenancy.current(), request.name());
		return ResponseEntity.created(URI.create("/api/v1/lists/" + list.id())).body(list);
	}

	@PostMapping("/lists/{id}/members")
	Map<String, Integer> addMembers(@PathVariable UUID id, @RequestBody Members members) {
		return Map.of("added", segments.addToList(tenancy.current(), id, members.required()));
	}

	@DeleteMapping("/lists/{id}")
	@Operation(summary = "Delete a list (its contacts stay)")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> deleteList(@PathVariable UUID id) {
		segments.deleteList(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/lists/{id}/members")
	Map<String, Integer> removeMembers(@PathVariable UUID id, @RequestBody Members members) {
		return Map.of("removed", segments.removeFromList(tenancy.current(), id, members.required()));
	}

	@GetMapping("/segments/{id}")
	Segment segment(@PathVariable UUID id) {
		return segments.segment(tenancy.current(), id);
	}

	@PatchMapping("/segments/{id}")
	@ApiResponse(responseCode = "409", description = "Another segment has that name")
	@ResponseStatus(HttpStatus.OK)
	Segment update(@PathVariable UUID id, @RequestBody NewSegment request) {
		return segments.updateSegment(tenancy.current(), id, request.name(), request.definition());
	}

	@DeleteMapping("/segments/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> deleteSegment(@PathVariable UUID id) {
		segments.deleteSegment(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/scoring-rules")
	@Operation(summary = "Lead scoring rules: a contact's score is the sum of the points of the rules it matches")
	CursorPage<Rule> rules() {
		return CursorPage.of(scoring.rules(tenancy.current()));
	}

	@PostMapping("/scoring-rules")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Rule> addRule(@RequestBody NewRule request) {
		if (request.points() == null) {
			throw new InvalidInputProblem("invalid-points", "Give the rule its points (-1000 to 1000).");
		}
		Rule rule = scoring.add(tenancy.current(), request.name(), request.condition(), request.points());
		return ResponseEntity.created(URI.create("/api/v1/scoring-rules/" + rule.id())).body(rule);
	}

	@DeleteMapping("/scoring-rules/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> deleteRule(@PathVariable UUID id) {
		scoring.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/segments")
	CursorPage<Segment> list() {
		return CursorPage.of(segments.segments(tenancy.current()));
	}

	@PostMapping("/segments")
	@ApiResponse(responseCode = "409", description = "A segment with that name exists")
	@ResponseStatus(HttpStatus.CREATED)
	ResponseEntity<Segment> create(@RequestBody NewSegment request) {
		Segment segment = segments.createSegment(tenancy.current(), request.name(), request.definition());
		return ResponseEntity.created(URI.create("/api/v1/segments/" + segment.id())).body(segment);
	}

	@PostMapping("/segments/count")
	@Operation(summary = "The live count (and a sample) of contacts a definition matches, before saving it")
	Count count(@RequestBody SegmentDefinition definition) {
		var tenant = tenancy.current();
		return new Count(segments.count(tenant, definition), segments.sample(tenant, definition, 10));
	}

}
