package com.penguinmails.campaigns.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.CampaignStatus;
import com.penguinmails.campaigns.Campaigns.Recipients;
import com.penguinmails.campaigns.internal.SendPlanner.PoolMailbox;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;

/**
 * Says why a campaign is or is not sending, by the same rules as {@link SendPlanner}
 * (sending window, each mailbox's daily cap and gap, the domain pace, the campaign's
 * daily limit), from the same reads, with no database and no clock: what the campaign
 * page shows ("outside the sending window: opens Monday 09:00", "every mailbox is at its
 * daily cap", "x@acme.test is paused: spam complaints").
 *
 * <p>
 * Caps and limits count the last 24 hours, as the planner does: a cap "resets" as the
 * day's messages age out, at the latest 24 hours after the mailbox's latest message.
 */
public final class SendDiagnosis {

	private SendDiagnosis() {
	}

	/** What a reason is about; a page may act on it (a paused mailbox has Resume). */
	public enum Kind {

		/** Not launched yet. */
		DRAFT,
		/** Launched with a start time still to come. */
		SCHEDULED,
		/** Paused by a person. */
		CAMPAIGN_PAUSED,
		/** Completed or archived. */
		ENDED,
		/** The workspace's "pause all sending" switch is on. */
		WORKSPACE_PAUSED,
		/** A mailbox of the pool is paused (its {@link Mailbox#pause()} says why). */
		MAILBOX_PAUSED,
		/** A mailbox of the pool failed to connect or log in. */
		MAILBOX_ERROR,
		/** No mailbox of the pool can send. */
		NO_MAILBOX,
		/** No recipient yet. */
		NO_RECIPIENTS,
		/** Every recipient has finished or stopped. */
		ALL_DONE,
		/** Outside the sending window (until: when it opens). */
		OUTSIDE_WINDOW,
		/** The campaign's daily limit is reached. */
		CAMPAIGN_LIMIT,
		/** Every sending mailbox is at its daily cap (until: when one has room again). */
		DAILY_CAP,
		/** Every due recipient's domain has had its hourly pace from every mailbox. */
		DOMAIN_PACE,
		/** Nobody is due yet: the next step's delay (until: the next due time). */
		WAITING_FOR_STEP,
		/**
		 * A variant is linked to a template that was deleted: it sends its last copy (not
		 * blocking).
		 */
		TEMPLATE_DELETED

	}

	/**
	 * One reason.
	 *
	 * @param blocking whether it alone keeps the campaign from sending now
	 * @param until when it ends, when known (UTC), else null
	 * @param mailbox the mailbox it is about, else null
	 */
	public record Reason(Kind kind, String text, boolean blocking, Instant until, Mailbox mailbox) {
	}

	/**
	 * What a campaign does now.
	 *
	 * @param sending whether messages are going out (no blocking reason)
	 * @param nextSend the next send time when known (UTC), else null
	 * @param reasons why it is not sending, and what slows it (paused mailboxes first)
	 */
	public record Diagnosis(boolean sending, Instant nextSend, List<Reason> reasons) {

		/** The reasons about paused mailboxes (the page's banners). */
		public List<Reason> pausedMailboxes() {
			return reasons.stream().filter(r -> r.kind() == Kind.MAILBOX_PAUSED).toList();
		}

	}

	/**
	 * Everything a diagnosis depends on.
	 *
	 * @param pool every mailbox of the campaign's pool, whatever its status, with what it
	 * sent in the last 24 hours
	 * @param campaignLastDay messages of the campaign in the last 24 hours
	 * @param dueNow active recipients whose next step is due at {@code now}
	 * @param nextDue the earliest next step of an active recipient, or null
	 * @param dueDomains the recipient domains of (a sample of) those due now
	 * @param toDomainLastHour messages per mailbox and recipient domain in the last hour
	 */
	public record Facts(Campaign campaign, Instant now, boolean workspacePaused, List<PoolMailbox> pool,
			int campaignLastDay, Recipients recipients, long dueNow, Instant nextDue, Set<String> dueDomains,
			Map<UUID, Map<String, Integer>> toDomainLastHour) {
	}

	/** Why the campaign is, or is not, sending at {@code facts.now()}. */
	public static Diagnosis diagnose(Facts facts) {
		Campaign campaign = facts.campaign();
		Reason lifecycle = lifecycle(campaign);
		if (lifecycle != null) {
			return new Diagnosis(false, null, List.of(lifecycle));
		}
		List<Reason> reasons = new ArrayList<>(mailboxes(facts.pool()));
		List<PoolMailbox> active = facts.pool()
			.stream()
			.filter(p -> p.mailbox().status() == MailboxStatus.ACTIVE)
			.toList();
		Reason blocking = blocking(facts, active);
		if (blocking != null) {
			reasons.add(blocking);
		}
		Instant next = blocking == null ? nextSend(facts, active) : blocking.until();
		return new Diagnosis(blocking == null, next, List.copyOf(reasons));
	}

	private static Reason lifecycle(Campaign campaign) {
		CampaignStatus status = campaign.status();
		return switch (status) {
			case DRAFT -> new Reason(Kind.DRAFT, "Not launched yet.", true, null, null);
			case SCHEDULED -> new Reason(Kind.SCHEDULED, "Launched: it starts at the time you set.", true,
					campaign.schedule().startAt(), null);
			case PAUSED ->
				new Reason(Kind.CAMPAIGN_PAUSED, "You paused this campaign: resume it to send.", true, null, null);
			case COMPLETED, ARCHIVED -> new Reason(Kind.ENDED,
					"This campaign is " + status.label().toLowerCase(java.util.Locale.ROOT) + ".", true, null, null);
			default -> null;
		};
	}

	/** A paused or failing mailbox of the pool, each with why. */
	private static List<Reason> mailboxes(List<PoolMailbox> pool) {
		List<Reason> reasons = new ArrayList<>();
		for (PoolMailbox p : pool) {
			Mailbox m = p.mailbox();
			if (m.status() == MailboxStatus.PAUSED) {
				String why = m.pause() == null ? "paused" : "paused: " + m.pause().reason();
				reasons.add(new Reason(Kind.MAILBOX_PAUSED, m.email() + " is " + why + ".", false, null, m));
			}
			else if (m.status() == MailboxStatus.ERROR) {
				reasons.add(new Reason(Kind.MAILBOX_ERROR,
						m.email() + " cannot connect: "
								+ Objects.requireNonNullElse(m.lastError(), "the last test failed") + ".",
						false, null, m));
			}
		}
		return reasons;
	}

	/** The first thing that keeps the whole campaign from sending now, or null. */
	private static Reason blocking(Facts facts, List<PoolMailbox> active) {
		Recipients recipients = facts.recipients();
		if (recipients.active() == 0) {
			return recipients.completed() + recipients.stopped() == 0
					? new Reason(Kind.NO_RECIPIENTS, "No recipients yet: add a list or a segment.", true, null, null)
					: new Reason(Kind.ALL_DONE, "Every recipient is done: " + recipients.completed() + " completed, "
							+ recipients.stopped() + " stopped.", true, null, null);
		}
		if (facts.workspacePaused()) {
			return new Reason(Kind.WORKSPACE_PAUSED,
					"All sending of the workspace is paused (Settings → Sending): nothing leaves.", true, null, null);
		}
		if (active.isEmpty()) {
			return new Reason(Kind.NO_MAILBOX, facts.pool().isEmpty() ? "No mailbox in the pool: choose one below."
					: "No mailbox of the pool can send: resume one or add another.", true, null, null);
		}
		SendingWindow window = window(facts.campaign());
		if (!facts.campaign().schedule().contactTimeZone() && !window.isOpen(facts.now())) {
			Instant opens = window.nextOpen(facts.now());
			return new Reason(Kind.OUTSIDE_WINDOW, "Outside the sending window: it opens at " + at(opens, window) + ".",
					true, opens, null);
		}
		return capacity(facts, active, window);
	}

	/** The daily limit, the caps and the pace, then whether anyone is due. */
	private static Reason capacity(Facts facts, List<PoolMailbox> active, SendingWindow window) {
		Integer limit = facts.campaign().schedule().dailyLimit();
		if (limit != null && facts.campaignLastDay() >= limit) {
			return new Reason(Kind.CAMPAIGN_LIMIT,
					"The campaign's daily limit (" + limit
							+ " in 24 hours) is reached: it sends again as the day's messages age out.",
					true, null, null);
		}
		List<PoolMailbox> withRoom = active.stream().filter(p -> p.sentToday() < p.mailbox().dailyCap()).toList();
		if (withRoom.isEmpty()) {
			Instant resets = active.stream()
				.map(PoolMailbox::lastSentAt)
				.filter(Objects::nonNull)
				.min(Comparator.naturalOrder())
				.map(t -> t.plus(Duration.ofDays(1)))
				.orElse(null);
			return new Reason(Kind.DAILY_CAP,
					"Every mailbox is at its daily cap"
							+ (resets == null ? "" : ": room again by " + at(resets, window) + " at the latest") + ".",
					true, resets, null);
		}
		if (facts.dueNow() > 0 && !facts.dueDomains().isEmpty() && pacedOut(facts, withRoom)) {
			return new Reason(Kind.DOMAIN_PACE,
					"The due recipients' domains had their " + facts.campaign().schedule().domainPacePerHour()
							+ " messages this hour from every mailbox: the next go within the hour.",
					true, facts.now().plus(Duration.ofHours(1)), null);
		}
		if (facts.dueNow() == 0 && facts.nextDue() != null) {
			Instant next = window.nextOpen(facts.nextDue());
			return new Reason(Kind.WAITING_FOR_STEP,
					"Nobody is due now: the next step is due at " + at(next, window) + ".", true, next, null);
		}
		return null;
	}

	private static boolean pacedOut(Facts facts, List<PoolMailbox> withRoom) {
		int pace = facts.campaign().schedule().domainPacePerHour();
		for (PoolMailbox p : withRoom) {
			Map<String, Integer> sent = facts.toDomainLastHour().getOrDefault(p.mailbox().id(), Map.of());
			for (String domain : facts.dueDomains()) {
				if (sent.getOrDefault(domain, 0) < pace) {
					return false;
				}
			}
		}
		return true;
	}

	/** The earliest a mailbox with room may send again (its gap after its latest). */
	private static Instant nextSend(Facts facts, List<PoolMailbox> active) {
		return active.stream()
			.filter(p -> p.sentToday() < p.mailbox().dailyCap())
			.map(p -> p.lastSentAt() == null ? facts.now()
					: p.lastSentAt().plusSeconds(Math.max(0, p.mailbox().minGapSeconds())))
			.map(t -> t.isBefore(facts.now()) ? facts.now() : t)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	static SendingWindow window(Campaign campaign) {
		Campaign.Schedule s = campaign.schedule();
		return SendingWindow.of(ZoneId.of(s.timeZone()), s.days(), s.windowStart(), s.windowEnd());
	}

	/** "Mon 2026-11-30 09:00 Europe/Paris": a time as the campaign's zone reads it. */
	public static String at(Instant instant, SendingWindow window) {
		return java.time.format.DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", java.util.Locale.ENGLISH)
			.format(instant.atZone(window.zone())) + " " + window.zone().getId();
	}

}
