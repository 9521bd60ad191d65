package com.penguinmails.warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.warmup.internal.MailboxRow;
import com.penguinmails.warmup.internal.SettingsRules;
import com.penguinmails.warmup.internal.WarmupFigures;
import com.penguinmails.warmup.internal.WarmupStore;

/**
 * Warmup settings: the workspace's (shared pool, new mailboxes, default preset, spam
 * threshold) and each mailbox's (on/off, schedule, window, graduation numbers). Every
 * read needs {@code warmup:read}, every change {@code warmup:write}, and is scoped to the
 * caller's workspace: another workspace's mailbox is 404. Out-of-range values are
 * {@link WarmupSettingInvalid} (400 naming the field).
 */
@Service
public class Warmup {

	private final WarmupStore store;

	private final WarmupFigures figures;

	private final Mailboxes mailboxes;

	Warmup(WarmupStore store, WarmupFigures figures, Mailboxes mailboxes) {
		this.store = store;
		this.figures = figures;
		this.mailboxes = mailboxes;
	}

	public WarmupSettings settings(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		return store.settings(tenant.workspaceId());
	}

	@Transactional
	public WarmupSettings updateSettings(Tenant tenant, WarmupSettings.Changes changes) {
		tenant.require(WorkspaceRole.MEMBER, "warmup:write");
		WarmupSettings updated = SettingsRules.apply(store.settings(tenant.workspaceId()), changes);
		store.saveSettings(tenant.workspaceId(), updated);
		return updated;
	}

	/** Whether any mailbox of the workspace warms (for the setup checklist). */
	public boolean anyEnabled(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		return store.list(tenant.workspaceId()).stream().anyMatch(MailboxRow::enabled);
	}

	/** Every mailbox of the workspace with its warmup at {@code now}, by email. */
	public List<MailboxWarmup> mailboxes(Tenant tenant, Instant now) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		UUID workspaceId = tenant.workspaceId();
		WarmupSettings settings = store.settings(workspaceId);
		Map<UUID, MailboxRow> rows = store.list(workspaceId)
			.stream()
			.collect(Collectors.toMap(MailboxRow::mailboxId, Function.identity()));
		Map<UUID, Integer> partners = figures.partners(workspaceId, now.minus(Duration.ofDays(7)));
		Map<UUID, Map<LocalDate, Integer>> sent = figures.sentByDay(workspaceId,
				LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(2));
		return mailboxes.list(Tenant.system(workspaceId))
			.stream()
			.map(m -> view(m,
					rows.getOrDefault(m.id(), MailboxRow.initial(workspaceId, m.id(), settings.defaultPreset())), now,
					sent.getOrDefault(m.id(), Map.of()), partners.getOrDefault(m.id(), 0)))
			.sorted(java.util.Comparator.comparing(MailboxWarmup::email))
			.toList();
	}

	/**
	 * One mailbox's warmup at {@code now}.
	 * @throws NotFoundProblem 404 when it is not a mailbox of the workspace
	 */
	public MailboxWarmup mailbox(Tenant tenant, UUID mailboxId, Instant now) {
		tenant.require(WorkspaceRole.VIEWER, "warmup:read");
		Mailbox mailbox = mailbox(tenant.workspaceId(), mailboxId);
		MailboxRow row = row(tenant.workspaceId(), mailboxId);
		UUID workspaceId = tenant.workspaceId();
		Map<UUID, Map<LocalDate, Integer>> sent = figures.sentByDay(workspaceId, row.today(now).minusDays(1));
		int partners = figures.partners(workspaceId, now.minus(Duration.ofDays(7))).getOrDefault(mailboxId, 0);
		return view(mailbox, row, now, sent.getOrDefault(mailboxId, Map.of()), partners);
	}

	/**
	 * Changes one mailbox's warmup (null fields keep their values). Turning it on sets
	 * day 1 of the ramp to today in the mailbox's zone the first time, and again when it
	 * was off more than 7 days (the ramp restarts); turning it off keeps its history.
	 * @throws NotFoundProblem 404 when it is not a mailbox of the workspace
	 * @throws WarmupSettingInvalid 400 naming the field out of range
	 */
	@Transactional
	public MailboxWarmup update(Tenant tenant, UUID mailboxId, MailboxWarmupChanges changes, Instant now) {
		tenant.require(WorkspaceRole.MEMBER, "warmup:write");
		mailbox(tenant.workspaceId(), mailboxId);
		MailboxRow updated = SettingsRules.apply(row(tenant.workspaceId(), mailboxId), changes,
				zone -> LocalDate.ofInstant(now, zone));
		store.save(updated, now);
		return mailbox(tenant, mailboxId, now);
	}

	/**
	 * For a newly connected mailbox of a workspace whose new mailboxes warm by default:
	 * turns its warmup on with the default preset. False when the workspace does not want
	 * that (or the mailbox already has warmup settings).
	 */
	@Transactional
	public boolean startForNewMailbox(UUID workspaceId, UUID mailboxId, Instant now) {
		WarmupSettings settings = store.settings(workspaceId);
		if (!settings.enableNewMailboxes() || store.find(workspaceId, mailboxId).isPresent()) {
			return false;
		}
		MailboxRow initial = MailboxRow.initial(workspaceId, mailboxId, settings.defaultPreset());
		store.save(SettingsRules.apply(initial, MailboxWarmupChanges.enabled(true),
				zone -> LocalDate.ofInstant(now, zone)), now);
		return true;
	}

	private Mailbox mailbox(UUID workspaceId, UUID mailboxId) {
		return mailboxes.find(workspaceId, mailboxId).orElseThrow(() -> new NotFoundProblem("Mailbox"));
	}

	private MailboxRow row(UUID workspaceId, UUID mailboxId) {
		return store.find(workspaceId, mailboxId)
			.orElseGet(() -> MailboxRow.initial(workspaceId, mailboxId, store.settings(workspaceId).defaultPreset()));
	}

	private static MailboxWarmup view(Mailbox mailbox, MailboxRow row, Instant now, Map<LocalDate, Integer> sent,
			int partners) {
		LocalDate today = row.today(now);
		WarmupPlan plan = row.plan();
		WarmupStage stage = !row.enabled() ? WarmupStage.OFF
				: row.campaignsStartedOn() != null && !today.isBefore(row.campaignsStartedOn()) ? WarmupStage.GRADUATED
						: row.holdingSince() != null ? WarmupStage.HOLDING : WarmupStage.RAMPING;
		int day = row.enabled() ? plan.sendingDay(today) : 0;
		String label = switch (stage) {
			case OFF -> "Off";
			case GRADUATED -> "Graduated";
			case HOLDING -> "Holding at " + row.rampPercent() + " %";
			case RAMPING -> day == 0 ? "Starts " + row.startedOn() : "Day " + day + " of ramp";
		};
		return new MailboxWarmup(mailbox.id(), mailbox.email(), mailbox.status(), row.enabled(), row.schedule(),
				row.windowStart(), row.windowEnd(), row.timeZone(), row.maintenancePerDay(), row.campaignStartPerDay(),
				row.campaignIncreasePerDay(), row.startedOn(), row.rampPercent(), row.holdingSince(),
				row.campaignsStartedOn(), row.healthScore(), row.healthMeasuredAt(), stage, label, day,
				row.enabled() ? plan.plannedOn(today) : 0, sent.getOrDefault(today, 0), partners);
	}

}
