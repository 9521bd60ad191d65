package com.penguinmails.campaigns;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.internal.SendingWindow;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Pacing;
import com.penguinmails.delivery.Outbox.Queued;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.Rendered;

/**
 * Turns due enrolments into outbox messages. For each running campaign, a tick takes the
 * enrolments due now (claimed with {@code SKIP LOCKED}, so nodes share the work), keeps
 * those whose sending window is open in their time zone, checks suppression and the
 * contact's status at this last moment, picks a mailbox (the one that sent step 1, else
 * the pool's mailbox with the most capacity left today), honours each mailbox's daily
 * cap, random gap and per-recipient-domain pace, renders the step's variant and queues it
 * once (the outbox's unique key).
 */
@Component
public class CampaignScheduler {

	private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);

	static final int BATCH = 500;

	/** When a mailbox's cap or a domain's pace is reached, look again this much later. */
	static final Duration RETRY = Duration.ofMinutes(15);

	/**
	 * How far ahead a tick schedules: each mailbox gets what its gap lets it send in the
	 * next five minutes, so a tick's work is bounded by the pool, not by the queue.
	 */
	static final Duration HORIZON = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final Campaigns campaigns;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Suppressions suppressions;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final JdbcTemplate template;

	private final TrackingLinks links;

	private final Clock clock;

	private final boolean enabled;

	CampaignScheduler(JdbcClient jdbc, Campaigns campaigns, Mailboxes mailboxes, Contacts contacts,
			Suppressions suppressions, Outbox outbox, TransactionTemplate transactions, JdbcTemplate template,
			TrackingLinks links, Clock clock,
			@Value("${penguinmails.campaigns.scheduler-enabled:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.suppressions = suppressions;
		this.outbox = outbox;
		this.transactions = transactions;
		this.template = template;
		this.links = links;
		this.clock = clock;
		this.enabled = enabled;
	}

	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${penguinmails.campaigns.tick:PT5S}")
	void run() {
		if (enabled) {
			try {
				tick(clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("Campaign scheduler tick failed: {}", ex.getMessage(), ex);
			}
		}
	}

	/** One pass over every running campaign at {@code now}; returns messages queued. */
	public int tick(Instant now) {
		jdbc.sql("UPDATE campaigns SET status = 'running' WHERE status = 'scheduled' AND start_at <= ?")
			.param(Timestamp.from(now))
			.update();
		int queued = 0;
		for (Object[] campaign : jdbc.sql("SELECT workspace_id, id FROM campaigns WHERE status = 'running'")
			.query((rs, i) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class) })
			.list()) {
			UUID workspaceId = (UUID) campaign[0];
			UUID campaignId = (UUID) campaign[1];
			campaigns.decideWinners(campaignId, outbox.sentByVariant(campaignId), now);
			Integer done;
			do {
				done = transactions.execute(status -> tickCampaign(workspaceId, campaignId, now));
				queued += done == null ? 0 : done;
			}
			while (done != null && done == BATCH);
			completeIfDone(workspaceId, campaignId, now);
		}
		return queued;
	}

	/** The state of one mailbox during a tick. */
	private static final class Slot {

		final Mailbox mailbox;

		int used;

		Instant nextFree;

		final Map<String, Integer> toDomain = new HashMap<>();

		Slot(Mailbox mailbox, Pacing pacing, Instant now) {
			this.mailbox = mailbox;
			this.used = pacing == null ? 0 : pacing.lastDay();
			Instant latest = pacing == null ? null : pacing.latest();
			this.nextFree = latest == null ? now : latest.plusSeconds(gap(mailbox));
		}

		int left() {
			return mailbox.dailyCap() - used;
		}

		/** Whether it can take one more message that goes out before {@code until}. */
		boolean open(Instant until) {
			return left() > 0 && !nextFree.isAfter(until);
		}

		static long gap(Mailbox mailbox) {
			int min = Math.max(0, mailbox.minGapSeconds());
			int max = Math.max(min, mailbox.maxGapSeconds());
			return min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1L);
		}

	}

	private record Due(UUID id, UUID contactId, int nextStep, UUID mailboxId, String threadIds, String threadSubject) {
	}

	/** A message decided in this batch, written with the others at its end. */
	private record Planned(Due enrolment, Slot slot, OutgoingMessage message, Instant notBefore, boolean followUp,
			String subject) {
	}

	/**
	 * One batch of one campaign, in one transaction: reads in bulk (due enrolments, their
	 * contacts, suppression, the pool's pacing), decides in memory, writes in bulk.
	 * Returns {@link #BATCH} when another batch may follow.
	 */
	private int tickCampaign(UUID workspaceId, UUID campaignId, Instant now) {
		Optional<Campaign> found = campaigns.find(workspaceId, campaignId);
		if (found.isEmpty() || !found.get().status().equals("running")) {
			return 0;
		}
		Campaign campaign = found.get();
		Instant horizon = now.plus(HORIZON);
		Map<UUID, Slot> pool = new LinkedHashMap<>();
		Map<UUID, Pacing> pacing = outbox.pacing(campaign.mailboxIds(), now);
		for (Mailbox mailbox : mailboxes.findAll(workspaceId, campaign.mailboxIds())) {
			if (mailbox.status().equals("active")) {
				pool.put(mailbox.id(), new Slot(mailbox, pacing.get(mailbox.id()), now));
			}
		}
		// What the pool can still send before the horizon: no more is taken from the
		// queue, and a full pool costs nothing.
		long room = 0;
		for (Slot slot : pool.values()) {
			if (slot.open(horizon)) {
				long minGap = slot.mailbox.minGapSeconds();
				long window = Math.max(0,
						Duration.between(slot.nextFree.isAfter(now) ? slot.nextFree : now, horizon).toSeconds());
				// Without a gap, the day's cap is the only limit.
				room += minGap <= 0 ? slot.left() : Math.min(slot.left(), 1 + window / minGap);
			}
		}
		if (room == 0) {
			return 0;
		}
		Integer limit = campaign.schedule().dailyLimit();
		int campaignLeft = limit == null ? Integer.MAX_VALUE
				: limit - outbox.campaignSince(campaignId, now.minus(Duration.ofDays(1)));
		if (campaignLeft <= 0) {
			return 0;
		}
		int take = (int) Math.min(BATCH, Math.min(room, campaignLeft) * 2 + 10);
		List<Due> due = jdbc.sql("""
				SELECT id, contact_id, next_step, mailbox_id, thread_ids, thread_subject FROM enrolments
				WHERE campaign_id = ? AND state = 'active' AND next_send_at <= ?
				ORDER BY next_send_at LIMIT ? FOR UPDATE SKIP LOCKED""")
			.params(campaignId, Timestamp.from(now), take)
			.query((rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)))
			.list();
		if (due.isEmpty()) {
			return 0;
		}
		Tenant system = Tenant.system(workspaceId);
		Map<UUID, Contact> people = contacts.byIds(system, due.stream().map(Due::contactId).toList());
		Set<String> suppressed = suppressions.suppressedAmong(workspaceId,
				people.values().stream().map(Contact::email).toList());
		Map<UUID, Map<String, Integer>> recent = outbox.toDomainsSince(pool.keySet(),
				people.values().stream().map(c -> domainOf(c.email())).distinct().toList(),
				now.minus(Duration.ofHours(1)));
		pool.forEach((id, slot) -> slot.toDomain.putAll(recent.getOrDefault(id, Map.of())));
		ZoneId campaignZone = ZoneId.of(campaign.schedule().timeZone());
		// How many each variant has had so far, per step: the next goes to the fewest.
		Map<Integer, Map<Integer, Long>> split = campaign.steps().stream().anyMatch(s -> s.variants().size() > 1)
				? outbox.queuedByVariant(campaignId) : new HashMap<>();

		List<Object[]> stops = new ArrayList<>();
		List<Object[]> moves = new ArrayList<>();
		List<UUID> finished = new ArrayList<>();
		List<Planned> planned = new ArrayList<>();
		boolean poolFull = false;
		for (Due enrolment : due) {
			Contact contact = people.get(enrolment.contactId());
			if (contact == null) {
				stops.add(new Object[] { "contact deleted", enrolment.id() });
				continue;
			}
			if (contact.status() != ContactStatus.ACTIVE) {
				stops.add(new Object[] { "contact " + contact.status().value(), enrolment.id() });
				continue;
			}
			if (suppressed.contains(contact.email())) {
				stops.add(new Object[] { "suppressed", enrolment.id() });
				continue;
			}
			if (enrolment.nextStep() >= campaign.steps().size()) {
				finished.add(enrolment.id());
				continue;
			}
			ZoneId zone = zone(campaign, contact, campaignZone);
			SendingWindow window = SendingWindow.of(zone, campaign.schedule().days(), campaign.schedule().windowStart(),
					campaign.schedule().windowEnd());
			Instant open = window.nextOpen(now);
			if (open.isAfter(now)) {
				moves.add(new Object[] { Timestamp.from(open), enrolment.id() });
				continue;
			}
			if (poolFull || campaignLeft <= 0) {
				// Left as they are: still due, first in line at the next tick.
				continue;
			}
			String domain = domainOf(contact.email());
			Slot slot = pick(pool, enrolment, domain, campaign.schedule().domainPacePerHour(), horizon);
			if (slot == null) {
				boolean anyOpen = pool.values().stream().anyMatch(s -> s.open(horizon));
				if (!anyOpen) {
					poolFull = true;
				}
				else {
					// Its mailbox is busy or the domain's pace is reached: look again
					// later.
					Slot sticky = enrolment.mailboxId() == null ? null : pool.get(enrolment.mailboxId());
					Instant later = sticky != null && sticky.left() > 0 && sticky.nextFree.isAfter(now)
							? sticky.nextFree : now.plus(RETRY);
					moves.add(new Object[] { Timestamp.from(window.nextOpen(later)), enrolment.id() });
				}
				continue;
			}
			Step step = campaign.steps().get(enrolment.nextStep());
			int variantIndex = step.winner() != null ? step.winner().variant()
					: evenly(split, enrolment.nextStep(), step.variants().size());
			Variant variant = step.variants().get(variantIndex);
			// Links on the sender's domain's verified tracking host, if it has one.
			String senderDomain = domainOf(slot.mailbox.email());
			Rendered rendered = campaigns.render(variant, contact, Campaigns.sender(slot.mailbox), zone.getId(),
					links.unsubscribeUrl(workspaceId, senderDomain, enrolment.id(), enrolment.nextStep()));
			if (!rendered.sendable()) {
				stops.add(new Object[] { "no value for " + String.join(", ", rendered.missing()), enrolment.id() });
				continue;
			}
			boolean followUp = enrolment.nextStep() > 0 && !step.newThread() && enrolment.threadSubject() != null
					&& !enrolment.threadIds().isBlank();
			String subject = followUp ? reply(enrolment.threadSubject()) : rendered.subject();
			String[] thread = followUp ? enrolment.threadIds().strip().split(" ") : new String[0];
			Instant notBefore = slot.nextFree.isAfter(now) ? slot.nextFree : now;
			// Plain text only: no HTML part (so no pixel) and the text's links as
			// written.
			String html = campaign.tracking().plainText() ? null
					: links.rewrite(rendered.html(), workspaceId, senderDomain, enrolment.id(), enrolment.nextStep(),
							campaign.tracking().opens(), campaign.tracking().clicks());
			planned.add(new Planned(enrolment, slot,
					new OutgoingMessage(workspaceId, campaignId, enrolment.id(), enrolment.nextStep(), variantIndex,
							slot.mailbox.id(), slot.mailbox.email(), contact.id(), contact.email(),
							(contact.firstName() + " " + contact.lastName()).strip(), subject, html, rendered.text(),
							followUp ? thread[thread.length - 1] : null, followUp ? String.join(" ", thread) : null),
					notBefore, followUp, rendered.subject()));
			campaignLeft--;
			slot.used++;
			slot.nextFree = notBefore.plusSeconds(Slot.gap(slot.mailbox));
			slot.toDomain.merge(domain, 1, Integer::sum);
		}

		List<Optional<Queued>> queued = outbox.enqueueAll(planned.stream().map(Planned::message).toList(),
				planned.stream().map(Planned::notBefore).toList());
		List<Object[]> advances = new ArrayList<>();
		int count = 0;
		for (int i = 0; i < planned.size(); i++) {
			Planned plan = planned.get(i);
			Due enrolment = plan.enrolment();
			Optional<Queued> message = queued.get(i);
			if (message.isPresent()) {
				count++;
			}
			else {
				// Queued before a crash, not yet recorded here: record it now.
				message = outbox.find(enrolment.id(), enrolment.nextStep());
			}
			String threadIds = plan.followUp() ? enrolment.threadIds().strip() + " " + message.orElseThrow().messageId()
					: message.orElseThrow().messageId();
			String threadSubject = plan.followUp() ? enrolment.threadSubject() : plan.subject();
			boolean last = enrolment.nextStep() + 1 >= campaign.steps().size();
			Instant next = last ? null : plan.notBefore()
				.plus(Duration.ofMinutes(campaign.steps().get(enrolment.nextStep() + 1).delayMinutes()));
			advances.add(new Object[] { enrolment.nextStep() + 1, plan.slot().mailbox.id(), threadIds, threadSubject,
					next == null ? null : Timestamp.from(next), last ? "completed" : "active", Timestamp.from(now),
					enrolment.id() });
		}
		Timestamp at = Timestamp.from(now);
		template.batchUpdate("""
				UPDATE enrolments SET next_step = ?, mailbox_id = ?, thread_ids = ?, thread_subject = ?,
				    next_send_at = ?, state = ?, updated_at = ?
				WHERE id = ?""", advances);
		template.batchUpdate("UPDATE enrolments SET next_send_at = ?, updated_at = ? WHERE id = ?",
				moves.stream().map(move -> new Object[] { move[0], at, move[1] }).toList());
		template.batchUpdate("""
				UPDATE enrolments SET state = 'stopped', stop_reason = ?, updated_at = now()
				WHERE id = ? AND state = 'active'""", stops);
		template.batchUpdate(
				"UPDATE enrolments SET state = 'completed', next_send_at = NULL, updated_at = now() WHERE id = ?",
				finished.stream().map(id -> new Object[] { id }).toList());
		// Another batch only when this one was full and the pool still has room.
		return due.size() == take && !poolFull && campaignLeft > 0 ? BATCH : count;
	}

	private static String domainOf(String email) {
		return email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
	}

	private static ZoneId zone(Campaign campaign, Contact contact, ZoneId campaignZone) {
		if (campaign.schedule().contactTimeZone() && !contact.timeZone().isBlank()) {
			try {
				return ZoneId.of(contact.timeZone());
			}
			catch (DateTimeException ex) {
				return campaignZone;
			}
		}
		return campaignZone;
	}

	/**
	 * The mailbox for this enrolment: the one that sent its first step, else the pool's
	 * mailbox with the most capacity left (ties by pool order), that can send before the
	 * horizon and whose pace to the recipient's domain allows one more. Null when none.
	 */
	private static Slot pick(Map<UUID, Slot> pool, Due enrolment, String domain, int pacePerHour, Instant horizon) {
		List<Slot> candidates = new ArrayList<>();
		if (enrolment.mailboxId() != null && enrolment.nextStep() > 0) {
			Slot sticky = pool.get(enrolment.mailboxId());
			if (sticky == null) {
				// Its mailbox left the pool or is paused: the thread waits for it.
				return null;
			}
			candidates.add(sticky);
		}
		else {
			candidates.addAll(pool.values());
			candidates.sort((a, b) -> Integer.compare(b.left(), a.left()));
		}
		for (Slot slot : candidates) {
			if (slot.open(horizon) && slot.toDomain.getOrDefault(domain, 0) < pacePerHour) {
				return slot;
			}
		}
		return null;
	}

	/**
	 * Variants split evenly: the one the fewest recipients of this step have had so far
	 * (ties to the first), counted as it goes.
	 */
	static int evenly(Map<Integer, Map<Integer, Long>> split, int step, int variants) {
		if (variants <= 1) {
			return 0;
		}
		Map<Integer, Long> counts = split.computeIfAbsent(step, s -> new HashMap<>());
		int pick = 0;
		for (int v = 1; v < variants; v++) {
			if (counts.getOrDefault(v, 0L) < counts.getOrDefault(pick, 0L)) {
				pick = v;
			}
		}
		counts.merge(pick, 1L, Long::sum);
		return pick;
	}

	private static String reply(String subject) {
		return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject;
	}

	private void completeIfDone(UUID workspaceId, UUID campaignId, Instant now) {
		jdbc.sql(
				"""
						UPDATE campaigns SET status = 'completed', completed_at = ?
						WHERE workspace_id = ? AND id = ? AND status = 'running'
						    AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.campaign_id = campaigns.id AND e.state = 'active')""")
			.params(Timestamp.from(now), workspaceId, campaignId)
			.update();
	}

}
