package com.penguinmails.warmup.api;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.warmup.MailboxWarmup;
import com.penguinmails.warmup.MailboxWarmupChanges;
import com.penguinmails.warmup.Warmup;
import com.penguinmails.warmup.WarmupDay;
import com.penguinmails.warmup.WarmupDays;
import com.penguinmails.warmup.WarmupSchedule;
import com.penguinmails.warmup.WarmupSettings;

@RestController
@RequestMapping(path = "/api/v1/warmup", produces = "application/json")
@Tag(name = "Warmup", description = WarmupApi.TAG)
@SecurityRequirement(name = "apiKey")
class WarmupApi {

	/**
	 * The one description of the tag every warmup API class shares (OpenAPI tags are
	 * unique).
	 */
	static final String TAG = "Warmup schedules per mailbox, the workspace's pool choices, each day's plan beside "
			+ "what was done, health scores and placement tests. Scopes warmup:read and warmup:write.";

	/** A preset with its numbers, for a client's picker. */
	record PresetInfo(WarmupSchedule.Preset preset, String label, int startPerDay, int increasePerDay, int maxPerDay,
			int replyRatePercent) {
	}

	private final Warmup warmup;

	private final WarmupDays days;

	private final Tenancy tenancy;

	private final Clock clock;

	WarmupApi(Warmup warmup, WarmupDays days, Tenancy tenancy, Clock clock) {
		this.warmup = warmup;
		this.days = days;
		this.tenancy = tenancy;
		this.clock = clock;
	}

	@GetMapping("/settings")
	@Operation(summary = "The workspace's warmup settings (shared pool, new mailboxes, default preset, spam threshold)")
	WarmupSettings settings() {
		return warmup.settings(tenancy.current());
	}

	@PutMapping(path = "/settings", consumes = "application/json")
	@Operation(summary = "Change the workspace's warmup settings; absent fields keep their values")
	@ApiResponse(responseCode = "400", description = "A value out of range; the problem's field names it")
	@ResponseStatus(HttpStatus.OK)
	WarmupSettings updateSettings(@RequestBody WarmupSettings.Changes changes) {
		return warmup.updateSettings(tenancy.current(), changes);
	}

	@GetMapping("/presets")
	@Operation(summary = "The schedule presets with their numbers (custom: numbers of your own)")
	List<PresetInfo> presets() {
		warmup.settings(tenancy.current());
		return Arrays.stream(WarmupSchedule.Preset.values())
			.map(p -> new PresetInfo(p, p.label(), p.schedule().startPerDay(), p.schedule().increasePerDay(),
					p.schedule().maxPerDay(), p.schedule().replyRatePercent()))
			.toList();
	}

	@GetMapping("/mailboxes")
	@Operation(summary = "Every mailbox of the workspace with its warmup: on/off, preset, ramp day, planned and sent "
			+ "today, health score as last measured, partners in 7 days")
	CursorPage<MailboxWarmup> mailboxes() {
		return CursorPage.of(warmup.mailboxes(tenancy.current(), clock.instant()));
	}

	@GetMapping("/mailboxes/{id}")
	@ApiResponse(responseCode = "404", description = "Not a mailbox of this workspace")
	@ResponseStatus(HttpStatus.OK)
	MailboxWarmup mailbox(@PathVariable UUID id) {
		return warmup.mailbox(tenancy.current(), id, clock.instant());
	}

	@PutMapping(path = "/mailboxes/{id}", consumes = "application/json")
	@Operation(summary = "Turn a mailbox's warmup on or off and change its schedule; absent fields keep their values. "
			+ "Turning it on starts the ramp at day 1 (again after more than 7 days off).")
	@ApiResponse(responseCode = "400", description = "A value out of range; the problem's field names it")
	@ApiResponse(responseCode = "404", description = "Not a mailbox of this workspace")
	@ResponseStatus(HttpStatus.OK)
	MailboxWarmup update(@PathVariable UUID id, @RequestBody MailboxWarmupChanges changes) {
		return warmup.update(tenancy.current(), id, changes, clock.instant());
	}

	@GetMapping("/mailboxes/{id}/days")
	@Operation(summary = "Per day: planned, sent, replies, received, placements of what it sent, rescued, ramp % and "
			+ "the closed loop's notes. Default: the last 14 days and the next 7, in the mailbox's zone.")
	@ApiResponse(responseCode = "400", description = "The range ends before it starts or is longer than 366 days")
	@ApiResponse(responseCode = "404", description = "Not a mailbox of this workspace")
	@ResponseStatus(HttpStatus.OK)
	List<WarmupDay> days(@PathVariable UUID id,
			@Parameter(description = "First day, ISO 8601 (yyyy-MM-dd)") @RequestParam(
					required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "Last day, inclusive") @RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		return days.days(tenancy.current(), id, from, to, clock.instant());
	}

}
