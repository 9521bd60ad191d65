package com.penguinmails.analytics.internal.reports;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.analytics.AnalyticsFilter;
import com.penguinmails.analytics.ReportFiles;
import com.penguinmails.analytics.ReportTable;
import com.penguinmails.analytics.WorkspaceAnalytics;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Sends scheduled reports. {@link #runDue(Instant)} claims the schedules due at an
 * instant (every node may call it at once: each run is claimed by one, see
 * {@link ReportScheduleRepository#claimDue}), moves their next run on in the same
 * transaction, then for each builds the view's table for the period that just ended in
 * the workspace's time zone, writes the file with {@link ReportFiles} and mails each
 * chosen member who still is one: attached up to {@code attach-limit}, else as a signed
 * download link. Every run is recorded in the history, failed with its reason when it
 * fails; one failing never stops the others.
 * <p>
 * A run is claimed before it is sent: a node that dies between the two loses that run (at
 * most once, never twice).
 */
@Service
public class ReportRunner {

	/** Path of download links; the token follows. */
	public static final String DOWNLOAD_PATH = "/analytics/reports/download/";

	private static final Logger log = LoggerFactory.getLogger(ReportRunner.class);

	private static final int BATCH = 20;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

	private final ReportScheduleRepository schedules;

	private final WorkspaceAnalytics analytics;

	private final ReportFiles files;

	private final WorkspaceDirectory directory;

	private final ReportMailer mailer;

	private final DownloadTokens tokens;

	private final ReportsProperties settings;

	private final PenguinMailsProperties app;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ReportRunner(ReportScheduleRepository schedules, WorkspaceAnalytics analytics, ReportFiles files,
			WorkspaceDirectory directory, ReportMailer mailer, DownloadTokens tokens, ReportsProperties settings,
			PenguinMailsProperties app, TransactionTemplate transactions, Clock clock) {
		this.schedules = schedules;
		this.analytics = analytics;
		this.files = files;
		this.directory = directory;
		this.mailer = mailer;
		this.tokens = tokens;
		this.settings = settings;
		this.app = app;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Sends every report due at {@code now} (next run at or before it), a batch of claims
	 * at a time.
	 * @return how many runs were made (sent or failed)
	 */
	public int runDue(Instant now) {
		int total = 0;
		while (true) {
			List<ReportScheduleRepository.Claimed> claimed = transactions
				.execute(status -> schedules.claimDue(now, BATCH, c -> next(c, now)));
			for (ReportScheduleRepository.Claimed c : claimed) {
				try {
					run(c.workspaceId(), c.schedule(), c.schedule().nextRunAt(), "schedule", now);
				}
				catch (RuntimeException ex) {
					log.error("Scheduled report {} could not be recorded: {}", c.schedule().id(), ex.toString());
				}
			}
			total += claimed.size();
			if (claimed.size() < BATCH) {
				return total;
			}
		}
	}

	/**
	 * The run after the one claimed: after the later of its scheduled instant and
	 * {@code now}, so runs missed while no node ran are sent once, not once each.
	 */
	private Instant next(ReportScheduleRepository.Claimed claimed, Instant now) {
		ZoneId zone = analytics.zone(claimed.workspaceId());
		Instant from = claimed.schedule().nextRunAt().isAfter(now) ? claimed.schedule().nextRunAt() : now;
		return NextRun.after(from, claimed.schedule().timing(zone));
	}

	/**
	 * Makes and sends one run of {@code schedule} as if run at {@code scheduledAt} (the
	 * period is the one that ended before that day in the workspace's time zone), and
	 * records it.
	 * @param trigger {@code schedule} or {@code manual}
	 * @return the run as recorded
	 */
	ReportRun run(UUID workspaceId, ReportSchedule schedule, Instant scheduledAt, String trigger, Instant now) {
		UUID runId = UUID.randomUUID();
		ZoneId zone = analytics.zone(workspaceId);
		ReportPeriod.Days days = schedule.period().covering(LocalDate.ofInstant(scheduledAt, zone));
		Recipients recipients = recipients(workspaceId, schedule);
		List<WorkspaceDirectory.Member> to = recipients.to();
		String skipped = recipients.skipped();
		String fileName = null;
		Long size = null;
		try {
			if (to.isEmpty()) {
				throw new IllegalStateException("No recipient is a member of the workspace any more");
			}
			AnalyticsFilter filter = new AnalyticsFilter(days.from(), days.to(), zone,
					new HashSet<>(schedule.campaignIds()), Set.of(), null, null, null, null, null, null);
			ReportTable table = analytics.table(workspaceId, schedule.view(), filter);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			files.write(table, schedule.format(), zone, out);
			byte[] content = out.toByteArray();
			fileName = ReportFiles.fileName(schedule.view(), filter, schedule.format());
			size = (long) content.length;
			boolean attach = content.length <= settings.attachLimit().toBytes();
			Instant expiresAt = attach ? null : now.plus(settings.linkValidity());
			String link = attach ? null
					: UriComponentsBuilder.fromUri(app.baseUrl())
						.path(DOWNLOAD_PATH + tokens.mint(runId, expiresAt))
						.toUriString();
			ReportRun run = new ReportRun(runId, schedule.id(), days.from(), days.to(), now, trigger, "sent", to.size(),
					skipped, fileName, size, attach ? "attached" : "link", expiresAt, null);
			schedules.insertRun(workspaceId, run, schedule.format().mediaType(), attach ? null : content);
			ReportMailer.Mail mail = mail(workspaceId, schedule, table, days, zone, attach, link, expiresAt, fileName,
					content);
			List<String> failures = mailAll(schedule, to, mail);
			if (!failures.isEmpty()) {
				String error = "Could not mail " + String.join("; ", failures);
				schedules.markFailed(runId, to.size() - failures.size(), error);
				return new ReportRun(runId, schedule.id(), days.from(), days.to(), now, trigger, "failed",
						to.size() - failures.size(), skipped, fileName, size, run.delivery(), expiresAt, error);
			}
			return run;
		}
		catch (RuntimeException ex) {
			log.warn("Report \"{}\" ({}) failed: {}", schedule.name(), schedule.id(), ex.toString());
			String error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			ReportRun failed = new ReportRun(runId, schedule.id(), days.from(), days.to(), now, trigger, "failed", 0,
					skipped, fileName, size, null, null, error);
			schedules.insertRun(workspaceId, failed, null, null);
			return failed;
		}
	}

	/**
	 * Whom a run goes to, and why some recipients were left out (empty when none was).
	 */
	private record Recipients(List<WorkspaceDirectory.Member> to, String skipped) {
	}

	/**
	 * The schedule's recipients who are still members: one removed since the schedule was
	 * made gets nothing, and the run says so.
	 */
	private Recipients recipients(UUID workspaceId, ReportSchedule schedule) {
		Map<UUID, WorkspaceDirectory.Member> members = new LinkedHashMap<>();
		directory.members(workspaceId).forEach(m -> members.put(m.userId(), m));
		List<WorkspaceDirectory.Member> to = new ArrayList<>();
		Set<UUID> seen = new HashSet<>();
		int gone = 0;
		for (UUID id : schedule.recipients()) {
			if (!seen.add(id)) {
				continue;
			}
			if (members.containsKey(id)) {
				to.add(members.get(id));
			}
			else {
				gone++;
			}
		}
		String skipped = gone == 0 ? ""
				: gone + (gone == 1 ? " recipient is no longer a member of the workspace and was skipped"
						: " recipients are no longer members of the workspace and were skipped");
		return new Recipients(to, skipped);
	}

	/**
	 * Mails each member; returns the failures ("address: reason"), empty when all went.
	 */
	private List<String> mailAll(ReportSchedule schedule, List<WorkspaceDirectory.Member> to, ReportMailer.Mail mail) {
		List<String> failures = new ArrayList<>();
		for (WorkspaceDirectory.Member member : to) {
			try {
				mailer.send(member.email(), mail);
			}
			catch (RuntimeException ex) {
				// The address is logged, never the link: it carries a signed token.
				log.warn("Report \"{}\" could not be mailed to {}: {}", schedule.name(), member.email(),
						ex.getMessage());
				failures.add(member.email() + ": " + ex.getMessage());
			}
		}
		return failures;
	}

	private ReportMailer.Mail mail(UUID workspaceId, ReportSchedule schedule, ReportTable table, ReportPeriod.Days days,
			ZoneId zone, boolean attach, String link, Instant expiresAt, String fileName, byte[] content) {
		String period = days.from().equals(days.to()) ? DAY.format(days.from())
				: DAY.format(days.from()) + " – " + DAY.format(days.to());
		String subject = "Report: " + schedule.name() + " (" + period + ")";
		List<String> lines = new ArrayList<>();
		lines.add(table.title() + " of the workspace \"" + directory.workspaceName(workspaceId) + "\": "
				+ table.subtitle() + ".");
		lines.add(attach ? "The " + schedule.format().label() + " file is attached (" + fileName + ")."
				: "The " + schedule.format().label() + " file (" + fileName + ", " + kilobytes(content.length)
						+ ") is too large to attach: download it with the link below until "
						+ DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).format(expiresAt.atZone(zone))
						+ " (" + zone.getId() + ").");
		lines.add("You receive this report (" + schedule.cadence().label().toLowerCase(Locale.ROOT)
				+ ") because a member of the workspace chose you as a recipient on its Scheduled reports page.");
		return new ReportMailer.Mail(subject, lines, link, attach ? fileName : null, schedule.format().mediaType(),
				attach ? content : null);
	}

	private static String kilobytes(long bytes) {
		return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
				: String.format(Locale.ROOT, "%d KB", Math.max(1, bytes / 1024));
	}

	/** Drops the kept files of expired links (their history stays). */
	int dropExpiredFiles() {
		return schedules.dropExpiredFiles(clock.instant());
	}

}
