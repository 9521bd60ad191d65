package com.penguinmails.analytics.internal.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.penguinmails.analytics.ReportFormat;
import com.penguinmails.analytics.ReportView;
import com.penguinmails.analytics.WorkspaceAnalytics;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.inbound.CampaignNames;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * A workspace's scheduled reports, for the page and the API: list, create, change, pause,
 * delete, send now and history. Viewers read ({@code analytics:read}); members and above
 * write ({@code analytics:write}). Every bad field is an {@link InvalidFieldProblem}
 * naming it; a schedule of another workspace is not found.
 */
@Service
public class ReportSchedules {

	/** The most schedules a workspace keeps. */
	public static final int MAX_PER_WORKSPACE = 100;

	/** The most runs a history shows. */
	public static final int HISTORY = 50;

	private final ReportScheduleRepository repository;

	private final ReportRunner runner;

	private final WorkspaceAnalytics analytics;

	private final WorkspaceDirectory directory;

	private final CampaignNames campaignNames;

	private final Clock clock;

	ReportSchedules(ReportScheduleRepository repository, ReportRunner runner, WorkspaceAnalytics analytics,
			WorkspaceDirectory directory, CampaignNames campaignNames, Clock clock) {
		this.repository = repository;
		this.runner = runner;
		this.analytics = analytics;
		this.directory = directory;
		this.campaignNames = campaignNames;
		this.clock = clock;
	}

	private static void requireWriter(Tenant tenant) {
		tenant.require(WorkspaceRole.MEMBER, "analytics:write");
	}

	/** The workspace's schedules, oldest first. */
	public List<ReportSchedule> list(Tenant tenant) {
		WorkspaceAnalytics.requireReader(tenant);
		return repository.list(tenant.workspaceId());
	}

	/** One schedule of the workspace. */
	public ReportSchedule get(Tenant tenant, UUID id) {
		WorkspaceAnalytics.requireReader(tenant);
		return find(tenant, id);
	}

	private ReportSchedule find(Tenant tenant, UUID id) {
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("Scheduled report"));
	}

	/** The members a report can be sent to. */
	public List<WorkspaceDirectory.Member> members(Tenant tenant) {
		WorkspaceAnalytics.requireReader(tenant);
		return directory.members(tenant.workspaceId());
	}

	/** The workspace's time zone, in which schedules run. */
	public ZoneId zone(Tenant tenant) {
		return analytics.zone(tenant.workspaceId());
	}

	/** Makes a schedule; its first run is the next matching local time from now. */
	public ReportSchedule create(Tenant tenant, ScheduleForm form) {
		requireWriter(tenant);
		if (repository.list(tenant.workspaceId()).size() >= MAX_PER_WORKSPACE) {
			throw new InvalidFieldProblem("name",
					"A workspace keeps at most " + MAX_PER_WORKSPACE + " scheduled reports; delete one first.");
		}
		ReportSchedule schedule = checked(tenant, UUID.randomUUID(), form, tenant.userId(), clock.instant());
		requireUniqueName(tenant, schedule);
		repository.insert(tenant.workspaceId(), schedule);
		return schedule;
	}

	/** Replaces a schedule's settings; its next run is computed afresh from now. */
	public ReportSchedule update(Tenant tenant, UUID id, ScheduleForm form) {
		requireWriter(tenant);
		ReportSchedule old = find(tenant, id);
		ReportSchedule schedule = checked(tenant, id, form, old.createdBy(), old.createdAt());
		requireUniqueName(tenant, schedule);
		repository.update(tenant.workspaceId(), schedule);
		return schedule;
	}

	/** Two reports of one workspace never share a name (ignoring case): mails say it. */
	private void requireUniqueName(Tenant tenant, ReportSchedule schedule) {
		boolean taken = repository.list(tenant.workspaceId())
			.stream()
			.anyMatch((other) -> !other.id().equals(schedule.id()) && other.name().equalsIgnoreCase(schedule.name()));
		if (taken) {
			throw new InvalidFieldProblem("name",
					"A scheduled report named \"" + schedule.name() + "\" exists: choose another name.");
		}
	}

	/** Pauses or resumes a schedule; resuming runs next at the next matching time. */
	public ReportSchedule pause(Tenant tenant, UUID id, boolean paused) {
		requireWriter(tenant);
		ReportSchedule s = find(tenant, id);
		ReportSchedule changed = new ReportSchedule(s.id(), s.name(), s.view(), s.period(), s.campaignIds(), s.format(),
				s.cadence(), s.dayOfWeek(), s.dayOfMonth(), s.time(), s.recipients(), s.createdBy(), s.createdAt(),
				paused, NextRun.after(clock.instant(), s.timing(zone(tenant))));
		repository.update(tenant.workspaceId(), changed);
		return changed;
	}

	/** Deletes a schedule and its history. */
	public void delete(Tenant tenant, UUID id) {
		requireWriter(tenant);
		if (!repository.delete(tenant.workspaceId(), id)) {
			throw new NotFoundProblem("Scheduled report");
		}
	}

	/**
	 * Sends the report now, for the period ended yesterday, without moving its next run.
	 */
	public ReportRun sendNow(Tenant tenant, UUID id) {
		requireWriter(tenant);
		ReportSchedule schedule = find(tenant, id);
		Instant now = clock.instant();
		return runner.run(tenant.workspaceId(), schedule, now, "manual", now);
	}

	/** The schedule's runs, newest first (at most {@link #HISTORY}). */
	public List<ReportRun> runs(Tenant tenant, UUID id) {
		WorkspaceAnalytics.requireReader(tenant);
		find(tenant, id);
		return repository.runs(tenant.workspaceId(), id, HISTORY);
	}

	private ReportSchedule checked(Tenant tenant, UUID id, ScheduleForm form, UUID createdBy, Instant createdAt) {
		String name = form.name() == null ? "" : form.name().strip();
		if (name.isEmpty() || name.length() > 200) {
			throw new InvalidFieldProblem("name", "name is 1 to 200 characters");
		}
		if (name.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidFieldProblem("name", "name cannot hold line breaks or control characters");
		}
		ReportView view = ReportView.of(form.view())
			.orElseThrow(() -> new InvalidFieldProblem("view", "view is one of " + values(ReportView.values())));
		ReportPeriod period = ReportPeriod.of(form.period())
			.orElseThrow(() -> new InvalidFieldProblem("period", "period is one of " + values(ReportPeriod.values())));
		ReportFormat format = ReportFormat.of(form.format())
			.orElseThrow(() -> new InvalidFieldProblem("format", "format is one of csv, xlsx, pdf"));
		ReportCadence cadence = ReportCadence.of(form.cadence())
			.orElseThrow(() -> new InvalidFieldProblem("cadence", "cadence is one of daily, weekly, monthly"));
		Integer dayOfWeek = null;
		Integer dayOfMonth = null;
		if (cadence == ReportCadence.WEEKLY) {
			dayOfWeek = form.dayOfWeek();
			if (dayOfWeek == null || dayOfWeek < 1 || dayOfWeek > 7) {
				throw new InvalidFieldProblem("dayOfWeek",
						"dayOfWeek is a weekday from 1 (Monday) to 7 (Sunday) for a weekly report");
			}
		}
		if (cadence == ReportCadence.MONTHLY) {
			dayOfMonth = form.dayOfMonth();
			if (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 28) {
				throw new InvalidFieldProblem("dayOfMonth",
						"dayOfMonth is a day from 1 to 28 (every month has it) for a monthly report");
			}
		}
		LocalTime time;
		try {
			if (form.time() == null || !form.time().strip().matches("\\d{2}:\\d{2}")) {
				throw new DateTimeParseException("HH:MM", String.valueOf(form.time()), 0);
			}
			time = LocalTime.parse(form.time().strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidFieldProblem("time", "time is a local time HH:MM (24 h), e.g. 08:00");
		}
		List<UUID> recipients = recipients(tenant, form);
		List<UUID> campaigns = campaigns(tenant, form);
		boolean paused = Boolean.TRUE.equals(form.paused());
		String hhmm = String.format("%02d:%02d", time.getHour(), time.getMinute());
		NextRun.Timing timing = new NextRun.Timing(cadence, dayOfWeek, dayOfMonth, time, zone(tenant));
		return new ReportSchedule(id, name, view, period, campaigns, format, cadence, dayOfWeek, dayOfMonth, hhmm,
				recipients, createdBy, createdAt, paused, NextRun.after(clock.instant(), timing));
	}

	/** The form's recipients, each a member of the workspace, at least one. */
	private List<UUID> recipients(Tenant tenant, ScheduleForm form) {
		Set<UUID> members = directory.members(tenant.workspaceId())
			.stream()
			.map(WorkspaceDirectory.Member::userId)
			.collect(Collectors.toSet());
		List<UUID> recipients = new ArrayList<>(new LinkedHashSet<>(form.recipients() == null ? List.of()
				: form.recipients().stream().filter(java.util.Objects::nonNull).toList()));
		if (recipients.isEmpty()) {
			throw new InvalidFieldProblem("recipients", "recipients names at least one member of the workspace");
		}
		for (UUID recipient : recipients) {
			if (!members.contains(recipient)) {
				throw new InvalidFieldProblem("recipients",
						"recipients are members of the workspace; " + recipient + " is not one");
			}
		}
		return recipients;
	}

	/** The form's campaigns, each of the workspace (none: every campaign). */
	private List<UUID> campaigns(Tenant tenant, ScheduleForm form) {
		List<UUID> campaigns = new ArrayList<>(
				new LinkedHashSet<>(form.campaignIds() == null ? List.of() : form.campaignIds()));
		if (!campaigns.isEmpty()) {
			Set<UUID> known = campaignNames.campaigns(tenant.workspaceId())
				.stream()
				.map(c -> c.id())
				.collect(Collectors.toSet());
			for (UUID campaign : campaigns) {
				if (!known.contains(campaign)) {
					throw new InvalidFieldProblem("campaignIds", "no campaign " + campaign + " in this workspace");
				}
			}
		}
		return campaigns;
	}

	private static String values(com.penguinmails.shared.StoredValue[] values) {
		return java.util.Arrays.stream(values)
			.map(com.penguinmails.shared.StoredValue::value)
			.collect(Collectors.joining(", "));
	}

}
