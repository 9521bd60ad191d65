package com.penguinmails.backups.web;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

import com.penguinmails.backups.Backup;
import com.penguinmails.backups.BackupProperties;
import com.penguinmails.backups.Backups;
import com.penguinmails.backups.internal.BackupDownloads;
import com.penguinmails.identity.InstallationAdmins;
import com.penguinmails.shared.Tenancy;

/**
 * {@code /system/backups}: the installation's backups for its admins, "Back up now", and
 * how to restore one. While a backup runs, the table refreshes itself (htmx, every 2 s).
 */
@Controller
class BackupsController {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneOffset.UTC);

	/**
	 * One row of the page, worded for people.
	 *
	 * @param state {@code ok}, {@code bad} or {@code running}: the badge's look
	 */
	record Row(String id, String started, String kind, String size, String duration, String status, String state,
			String verified, boolean verifiedOk, boolean verifiedFailed, String location, String error, String download,
			String madeWith) {

		Row withDownload(String link) {
			return new Row(id, started, kind, size, duration, status, state, verified, verifiedOk, verifiedFailed,
					location, error, link, madeWith);
		}

	}

	private final Backups backups;

	private final InstallationAdmins admins;

	private final Tenancy tenancy;

	private final BackupProperties properties;

	private final BackupDownloads downloads;

	BackupsController(Backups backups, InstallationAdmins admins, Tenancy tenancy, BackupProperties properties,
			BackupDownloads downloads) {
		this.backups = backups;
		this.downloads = downloads;
		this.admins = admins;
		this.tenancy = tenancy;
		this.properties = properties;
	}

	@GetMapping("/system/backups")
	String page(Model model) {
		admins.require(tenancy.current(), "system:read");
		rows(model);
		model.addAttribute("schedule",
				properties.enabled() ? "Scheduled backups run at " + properties.schedule() + " (cron, UTC)."
						: "Scheduled backups are off (PENGUINMAILS_BACKUPS_ENABLED).");
		model.addAttribute("target", properties.s3() != null && properties.s3().configured()
				? "s3://" + properties.s3().bucket() + "/" + properties.s3().prefix() : "the backups directory");
		model.addAttribute("keep", properties.keep());
		model.addAttribute("nextFormat", backups.nextFormat());
		return "system/backups";
	}

	@GetMapping("/system/backups/rows")
	String rowsFragment(Model model) {
		admins.require(tenancy.current(), "system:read");
		rows(model);
		return "system/backups :: rows";
	}

	@PostMapping("/system/backups")
	String start() {
		admins.require(tenancy.current(), "system:write");
		backups.startManual();
		return "redirect:/system/backups";
	}

	private void rows(Model model) {
		// Each stored backup gets a fresh signed link (an hour): the page is admins'
		// only.
		List<Row> rows = backups.recent(100)
			.stream()
			.map(backup -> "succeeded".equals(backup.status()) && backup.location() != null
					? row(backup).withDownload(downloads.link(backup.id()).url()) : row(backup))
			.toList();
		model.addAttribute("rows", rows);
		model.addAttribute("running", rows.stream().anyMatch(row -> "running".equals(row.state())));
	}

	static Row row(Backup backup) {
		String state = backup.running() ? "running" : "succeeded".equals(backup.status()) ? "ok" : "bad";
		String verified;
		if (backup.verifiedAt() == null) {
			verified = backup.verification() == null ? (backup.running() ? "Not yet" : "No") : backup.verification();
		}
		else {
			verified = backup.verification();
		}
		return new Row(backup.id().toString(), WHEN.format(backup.startedAt()), kind(backup.kind()),
				backup.sizeBytes() == null ? "" : size(backup.sizeBytes()),
				backup.duration() == null ? "" : duration(backup.duration()), status(backup.status()), state, verified,
				Boolean.TRUE.equals(backup.verifiedOk()), Boolean.FALSE.equals(backup.verifiedOk()), backup.location(),
				backup.error(), "", madeWith(backup));
	}

	/** "pg_dump 16.4", "Built-in copy", or "" before it is written. */
	static String madeWith(Backup backup) {
		if (backup.tool() != null) {
			return backup.tool();
		}
		return "logical".equals(backup.format()) ? "Built-in copy" : "";
	}

	static String kind(String kind) {
		return switch (kind) {
			case "scheduled" -> "Scheduled";
			case "manual" -> "Manual";
			case "pre-migration" -> "Before a migration";
			default -> kind;
		};
	}

	static String status(String status) {
		return switch (status) {
			case "running" -> "Running";
			case "succeeded" -> "Done";
			case "failed" -> "Failed";
			default -> status;
		};
	}

	/** Bytes in binary units, e.g. "12.3 MB" (1 MB = 1,048,576 bytes). */
	static String size(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
	}

	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 1) {
			return duration.toMillis() + " ms";
		}
		if (seconds < 60) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		return (seconds / 60) + " min " + (seconds % 60) + " s";
	}

}
