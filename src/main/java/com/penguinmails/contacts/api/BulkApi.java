package com.penguinmails.contacts.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.contacts.BulkAction;
import com.penguinmails.contacts.ContactBulkJob;
import com.penguinmails.contacts.ContactBulkJobs;
import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactFilterParams;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = "application/json")
@Tag(name = "Contact bulk actions",
		description = "Tag, list, enrol, set the status of, export or delete many contacts as a job; CSV export")
@SecurityRequirement(name = "apiKey")
class BulkApi {

	/** The filter of a bulk request: the contacts page's query parameters. */
	record Filter(String q, String list, String tag, String status, String segment) {
	}

	/**
	 * A bulk action: on the contacts {@code ids} (1 to 10,000), or on every contact
	 * matching {@code filter} when {@code ids} is absent.
	 */
	record NewBulkJob(String action, String value, List<UUID> ids, Filter filter) {
	}

	private final ContactBulkJobs jobs;

	private final Tenancy tenancy;

	private final Clock clock;

	BulkApi(ContactBulkJobs jobs, Tenancy tenancy, Clock clock) {
		this.jobs = jobs;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@PostMapping("/bulk")
	@Operation(summary = "Start a bulk action (tag_add, tag_remove, list_add, list_remove, enrol, status, export,"
			+ " delete) on chosen contacts or on all matching a filter; runs as a job")
	@ApiResponse(responseCode = "202", description = "The job (a small one has run already)")
	@ApiResponse(responseCode = "404", description = "Contacts, a list, a campaign or a segment not in the workspace")
	ResponseEntity<ContactBulkJob> start(@RequestBody NewBulkJob request) {
		BulkAction action;
		try {
			action = request.action() == null ? null : BulkAction.of(request.action());
		}
		catch (IllegalArgumentException ex) {
			action = null;
		}
		Filter given = request.filter();
		ContactFilter filter = given == null ? null
				: ContactFilterParams.of(given.q(), given.list(), given.tag(), given.status(), given.segment());
		ContactBulkJob job = jobs.start(tenancy.current(),
				new ContactBulkJobs.Request(action, request.value(), request.ids(), filter), clock.instant());
		return ResponseEntity.accepted().location(URI.create("/api/v1/contacts/bulk/" + job.id())).body(job);
	}

	@GetMapping("/bulk")
	@Operation(summary = "The workspace's recent bulk jobs, newest first")
	CursorPage<ContactBulkJob> list() {
		return CursorPage.of(jobs.recent(tenancy.current(), 50));
	}

	@GetMapping("/bulk/{id}")
	@Operation(summary = "A bulk job's progress and result")
	ContactBulkJob get(@PathVariable UUID id) {
		return jobs.get(tenancy.current(), id);
	}

	@PostMapping("/bulk/{id}/cancel")
	@Operation(summary = "Cancel a queued or running bulk job; batches already applied stay")
	@ApiResponse(responseCode = "409", description = "The job has ended")
	ContactBulkJob cancel(@PathVariable UUID id) {
		return jobs.cancel(tenancy.current(), id, clock.instant());
	}

	@GetMapping(path = "/export", produces = { "text/csv", "application/json" })
	@Operation(summary = "Every contact matching the filter as CSV (all fields, tags, lists), streamed")
	@ApiResponse(responseCode = "200", description = "The CSV",
			content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
	void export(@RequestParam(required = false) String q, @RequestParam(required = false) String list,
			@RequestParam(required = false) String tag, @RequestParam(required = false) String status,
			@RequestParam(required = false) String segment, HttpServletResponse response) throws IOException {
		ContactFilter filter = ContactFilterParams.of(q, list, tag, status, segment);
		jobs.export(tenancy.current(), filter, () -> {
			response.setContentType("text/csv;charset=UTF-8");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setHeader("Content-Disposition", "attachment; filename=\"contacts.csv\"");
			return response.getWriter();
		}, clock.instant());
	}

}
