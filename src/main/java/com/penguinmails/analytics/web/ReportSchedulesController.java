package com.penguinmails.analytics.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.penguinmails.analytics.ReportFormat;
import com.penguinmails.analytics.ReportView;
import com.penguinmails.analytics.internal.reports.ReportCadence;
import com.penguinmails.analytics.internal.reports.ReportLinks;
import com.penguinmails.analytics.internal.reports.ReportPeriod;
import com.penguinmails.analytics.internal.reports.ReportRun;
import com.penguinmails.analytics.internal.reports.ReportRunner;
import com.penguinmails.analytics.internal.reports.ReportSchedule;
import com.penguinmails.analytics.internal.reports.ReportSchedules;
import com.penguinmails.analytics.internal.reports.ScheduleForm;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.FormAction;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.Tenancy;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The scheduled reports page ({@code /analytics/reports}): the workspace's schedules with
 * their next run in the workspace's local time and their history, a form to add one
 * (recipients as checkboxes of members), pause, resume, delete and send now; and the
 * download of a report too large to attach, by its signed link (no login).
 */
@Controller
class ReportSchedulesController {

	private static final java.time.format.DateTimeFormatter PERIOD = java.time.format.DateTimeFormatter
		.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

	private static final String[] WEEKDAYS = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
			"Sunday" };

	/** A schedule as the page shows it, in words. */
	record Row(ReportSchedule schedule, String when, String next, String recipients, List<RunRow> runs) {
	}

	/** A run as the page shows it. */
	record RunRow(String ranAt, String period, String status, String detail) {
	}

	private final ReportSchedules schedules;

	private final ReportLinks downloads;

	private final Tenancy tenancy;

	ReportSchedulesController(ReportSchedules schedules, ReportLinks downloads, Tenancy tenancy) {
		this.schedules = schedules;
		this.downloads = downloads;
		this.tenancy = tenancy;
	}

	@GetMapping("/analytics/reports")
	String page(Model model) {
		Tenant tenant = tenancy.current();
		List<ReportSchedule> list = schedules.list(tenant);
		ZoneId zone = schedules.zone(tenant);
		List<WorkspaceDirectory.Member> members = schedules.members(tenant);
		Map<UUID, String> emails = new LinkedHashMap<>();
		members.forEach(m -> emails.put(m.userId(), m.email()));
		List<Row> rows = new ArrayList<>();
		for (ReportSchedule s : list) {
			List<String> to = s.recipients().stream().map(id -> emails.getOrDefault(id, "a former member")).toList();
			rows.add(new Row(s, when(s), s.paused() ? "Paused" : WHEN.format(s.nextRunAt().atZone(zone)),
					String.join(", ", to),
					schedules.runs(tenant, s.id()).stream().limit(10).map(r -> runRow(r, zone)).toList()));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("members", members);
		model.addAttribute("views", ReportView.values());
		model.addAttribute("periods", ReportPeriod.values());
		model.addAttribute("formats", ReportFormat.values());
		model.addAttribute("cadences", ReportCadence.values());
		model.addAttribute("weekdays", WEEKDAYS);
		model.addAttribute("canWrite", tenant.role().atLeast(WorkspaceRole.MEMBER));
		model.addAttribute("me", tenant.userId());
		return "analytics/reports";
	}

	@PostMapping("/analytics/reports")
	String create(@ModelAttribute ScheduleForm form, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/analytics/reports", () -> {
			ReportSchedule created = schedules.create(tenancy.current(), form);
			return FormAction.Done.notice("Scheduled \"" + created.name() + "\".");
		});
	}

	@PostMapping("/analytics/reports/{id}/pause")
	String pause(@PathVariable UUID id, @RequestParam(defaultValue = "true") boolean paused,
			RedirectAttributes redirect) {
		return FormAction.run(redirect, "/analytics/reports", () -> {
			ReportSchedule s = schedules.pause(tenancy.current(), id, paused);
			return FormAction.Done.notice((paused ? "Paused \"" : "Resumed \"") + s.name() + "\".");
		});
	}

	@PostMapping("/analytics/reports/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/analytics/reports", () -> {
			schedules.delete(tenancy.current(), id);
			return FormAction.Done.notice("Scheduled report deleted.");
		});
	}

	@PostMapping("/analytics/reports/{id}/run")
	String run(@PathVariable UUID id, RedirectAttributes redirect) {
		return FormAction.run(redirect, "/analytics/reports", () -> {
			ReportRun run = schedules.sendNow(tenancy.current(), id);
			if (run.status().equals("failed")) {
				redirect.addFlashAttribute("error", "The report could not be sent: " + run.error());
				return FormAction.Done.notice(null);
			}
			// The report of the last complete period, as the schedule sends it: said, so
			// a
			// report of days before today's first sends is understood.
			String period = run.from().equals(run.to()) ? PERIOD.format(run.from())
					: PERIOD.format(run.from()) + " – " + PERIOD.format(run.to());
			return FormAction.Done.notice("Sent the report of " + period + " (the last complete period) to "
					+ run.recipients() + " member" + (run.recipients() == 1 ? "" : "s")
					+ (run.skipped().isEmpty() ? "." : " (" + run.skipped() + ")."));
		});
	}

	/**
	 * A report file by its signed link: no login, that run's file only; 404 for a forged,
	 * altered or expired token.
	 */
	@GetMapping(ReportRunner.DOWNLOAD_PATH + "{token}")
	ResponseEntity<byte[]> download(@PathVariable String token) {
		return downloads.file(token)
			.map(file -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(file.mediaType()))
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment()
							.filename(file.fileName(), java.nio.charset.StandardCharsets.UTF_8)
							.build()
							.toString())
				.header("X-Content-Type-Options", "nosniff")
				.cacheControl(CacheControl.noStore().cachePrivate())
				.body(file.content()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private static String when(ReportSchedule s) {
		return switch (s.cadence()) {
			case DAILY -> "Every day at " + s.time();
			case WEEKLY -> "Every " + WEEKDAYS[s.dayOfWeek() - 1] + " at " + s.time();
			case MONTHLY -> "On day " + s.dayOfMonth() + " of every month at " + s.time();
		};
	}

	private static RunRow runRow(ReportRun r, ZoneId zone) {
		DateTimeFormatter day = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
		String period = r.from().equals(r.to()) ? day.format(r.from())
				: day.format(r.from()) + " – " + day.format(r.to());
		String detail;
		if (r.status().equals("sent")) {
			detail = "To " + r.recipients() + " member" + (r.recipients() == 1 ? "" : "s") + ", "
					+ (r.delivery().equals("attached") ? "attached" : "as a download link") + " (" + size(r.sizeBytes())
					+ ")" + (r.trigger().equals("manual") ? ", sent by hand" : "");
		}
		else {
			detail = r.error() == null ? "" : r.error();
		}
		if (!r.skipped().isEmpty()) {
			detail += ". " + r.skipped();
		}
		return new RunRow(WHEN.format(r.ranAt().atZone(zone)), period, r.status().equals("sent") ? "Sent" : "Failed",
				detail);
	}

	private static String size(Long bytes) {
		if (bytes == null) {
			return "no file";
		}
		return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
				: bytes >= 1024 ? (bytes / 1024) + " KB" : bytes + " bytes";
	}

}
