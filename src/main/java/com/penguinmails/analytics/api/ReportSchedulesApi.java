package com.penguinmails.analytics.api;

import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.analytics.internal.reports.ReportRun;
import com.penguinmails.analytics.internal.reports.ReportSchedule;
import com.penguinmails.analytics.internal.reports.ReportSchedules;
import com.penguinmails.analytics.internal.reports.ScheduleForm;
import com.penguinmails.shared.Tenancy;

/**
 * Scheduled reports over the API: a workspace analytics view e-mailed as a file to chosen
 * members daily, weekly or monthly at a local time of the workspace's time zone; send
 * now; each schedule's history. Viewers read ({@code analytics:read}), members and above
 * write ({@code analytics:write}). A bad field is a 400 problem whose {@code field} names
 * it.
 */
@RestController
@RequestMapping(path = "/api/v1/analytics/reports", produces = "application/json")
@Tag(name = "Analytics",
		description = "Workspace analytics, exports and scheduled reports over any period and filter, read from hourly rollups")
@SecurityRequirement(name = "apiKey")
class ReportSchedulesApi {

	/** A list in the API's envelope. */
	record ListOf<T>(List<T> data) {
	}

	private final ReportSchedules schedules;

	private final Tenancy tenancy;

	ReportSchedulesApi(ReportSchedules schedules, Tenancy tenancy) {
		this.schedules = schedules;
		this.tenancy = tenancy;
	}

	@GetMapping
	@Operation(summary = "The workspace's scheduled reports, oldest first, each with its next run (an instant)")
	ListOf<ReportSchedule> list() {
		return new ListOf<>(schedules.list(tenancy.current()));
	}

	@PostMapping(consumes = "application/json")
	@Operation(summary = "Schedule a report: name, view, period (last_day, last_7_days, last_30_days, last_month: days "
			+ "ending the day before each run), format (csv, xlsx, pdf), cadence (daily, weekly with dayOfWeek 1-7, "
			+ "monthly with dayOfMonth 1-28), time (HH:MM in the workspace's time zone), recipients (member user "
			+ "ids), optional campaignIds and paused")
	@ApiResponse(responseCode = "201", description = "Scheduled",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ReportSchedule.class)))
	ResponseEntity<ReportSchedule> create(@RequestBody ScheduleForm form) {
		ReportSchedule created = schedules.create(tenancy.current(), form);
		return ResponseEntity.created(URI.create("/api/v1/analytics/reports/" + created.id())).body(created);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One scheduled report")
	ReportSchedule get(@PathVariable UUID id) {
		return schedules.get(tenancy.current(), id);
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	@Operation(summary = "Replace a scheduled report's settings (same body as creating it); its next run is "
			+ "computed afresh")
	ReportSchedule update(@PathVariable UUID id, @RequestBody ScheduleForm form) {
		return schedules.update(tenancy.current(), id, form);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a scheduled report and its history")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		schedules.delete(tenancy.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/run")
	@Operation(summary = "Send the report now (for the period ended yesterday) without moving its next run; "
			+ "answers the run as recorded in the history (status sent or failed)")
	ReportRun run(@PathVariable UUID id) {
		return schedules.sendNow(tenancy.current(), id);
	}

	@GetMapping("/{id}/runs")
	@Operation(summary = "The report's history, newest first (at most 50 runs): period, status, recipients, file, "
			+ "size, delivery (attached or link), error")
	ListOf<ReportRun> runs(@PathVariable UUID id) {
		return new ListOf<>(schedules.runs(tenancy.current(), id));
	}

}
