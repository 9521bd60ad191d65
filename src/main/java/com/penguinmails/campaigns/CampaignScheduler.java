package com.penguinmails.campaigns;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.internal.SendingWindow;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Pacing;
import com.penguinmails.delivery.Outbox.Queued;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.NotFoundProblem;
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

	private final JdbcClient jdbc;

	private final Campaigns campaigns;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Suppressions suppressions;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final boolean enabled;

	CampaignScheduler(JdbcClient jdbc, Campaigns campaigns, Mailboxes mailboxes, Contacts contacts,
			Suppressions suppressions, Outbox outbox, TransactionTemplate transactions, Clock clock,
			@Value("${penguinmails.campaigns.scheduler-enabled:true}") boolean enabled) {
		this.jdbc = jdbc;
		this.campaigns = campaigns;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.suppressions = suppressions;
		this.outbox = outbox;
		this.transactions = transactions;
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

		static long gap(Mailbox mailbox) {
			int min = Math.max(0, mailbox.minGapSeconds());
			int max = Math.max(min, mailbox.maxGapSeconds());
			return min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1L);
		}

	}

	private record Due(UUID id, UUID contactId, int nextStep, UUID mailboxId, String threadIds, String threadSubject) {
	}

	private int tickCampaign(UUID workspaceId, UUID campaignId, Instant now) {
		Optional<Campaign> found = campaigns.find(workspaceId, campaignId);
		if (found.isEmpty() || !found.get().status().equals("running")) {
			return 0;
		}
		Campaign campaign = found.get();
		Tenant system = Tenant.system(workspaceId);
		Map<UUID, Slot> pool = new LinkedHashMap<>();
		Map<UUID, Pacing> pacing = outbox.pacing(campaign.mailboxIds(), now);
		for (UUID mailboxId : campaign.mailboxIds()) {
			try {
				Mailbox mailbox = mailboxes.get(system, mailboxId);
				if (mailbox.status().equals("active")) {
					pool.put(mailboxId, new Slot(mailbox, pacing.get(mailboxId), now));
				}
			}
			catch (NotFoundProblem ex) {
				// A deleted mailbox leaves the pool.
			}
		}
		if (pool.isEmpty()) {
			return 0;
		}
		List<Due> due = jdbc.sql("""
				SELECT id, contact_id, next_step, mailbox_id, thread_ids, thread_subject FROM enrolments
				WHERE campaign_id = ? AND state = 'active' AND next_send_at <= ?
				ORDER BY next_send_at LIMIT ? FOR UPDATE SKIP LOCKED""")
			.params(campaignId, Timestamp.from(now), BATCH)
			.query((rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6)))
			.list();
		if (due.isEmpty()) {
			return 0;
		}
		Integer limit = campaign.schedule().dailyLimit();
		int campaignLeft = limit == null ? Integer.MAX_VALUE
				: limit - outbox.campaignSince(campaignId, now.minus(Duration.ofDays(1)));
		Map<UUID, Contact> people = contacts.byIds(system, due.stream().map(Due::contactId).toList());
		ZoneId campaignZone = ZoneId.of(campaign.schedule().timeZone());
		int handled = 0;
		int queued = 0;
		for (Due enrolment : due) {
			handled++;
			Contact contact = people.get(enrolment.contactId());
			if (contact == null) {
				campaigns.stop(workspaceId, enrolment.id(), "contact deleted");
				continue;
			}
			if (!contact.status().equals("active")) {
				campaigns.stop(workspaceId, enrolment.id(), "contact " + contact.status());
				continue;
			}
			if (suppressions.isSuppressed(workspaceId, contact.email())) {
				campaigns.stop(workspaceId, enrolment.id(), "suppressed");
				continue;
			}
			if (enrolment.nextStep() >= campaign.steps().size()) {
				finish(enrolment.id(), now);
				continue;
			}
			ZoneId zone = zone(campaign, contact, campaignZone);
			SendingWindow window = SendingWindow.of(zone, campaign.schedule().days(), campaign.schedule().windowStart(),
					campaign.schedule().windowEnd());
			Instant open = window.nextOpen(now);
			if (open.isAfter(now)) {
				reschedule(enrolment.id(), open, now);
				continue;
			}
			if (campaignLeft <= 0) {
				reschedule(enrolment.id(), window.nextOpen(now.plus(RETRY)), now);
				continue;
			}
			String domain = contact.email().substring(contact.email().indexOf('@') + 1).toLowerCase(Locale.ROOT);
			Slot slot = pick(pool, enrolment, domain, campaign.schedule().domainPacePerHour(), now);
			if (slot == null) {
				reschedule(enrolment.id(), window.nextOpen(now.plus(RETRY)), now);
				continue;
			}
			Step step = campaign.steps().get(enrolment.nextStep());
			int variantIndex = variant(enrolment.id(), enrolment.nextStep(), step.variants().size());
			Variant variant = step.variants().get(variantIndex);
			Rendered rendered = campaigns.render(variant, contact, Campaigns.sender(slot.mailbox), zone.getId());
			if (!rendered.sendable()) {
				campaigns.stop(workspaceId, enrolment.id(), "no value for " + String.join(", ", rendered.missing()));
				continue;
			}
			boolean followUp = enrolment.nextStep() > 0 && !step.newThread() && enrolment.threadSubject() != null
					&& !enrolment.threadIds().isBlank();
			String subject = followUp ? reply(enrolment.threadSubject()) : rendered.subject();
			String[] thread = followUp ? enrolment.threadIds().strip().split(" ") : new String[0];
			Instant notBefore = slot.nextFree.isAfter(now) ? slot.nextFree : now;
			OutgoingMessage message = new OutgoingMessage(workspaceId, campaignId, enrolment.id(), enrolment.nextStep(),
					variantIndex, slot.mailbox.id(), slot.mailbox.email(), contact.id(), contact.email(),
					(contact.firstName() + " " + contact.lastName()).strip(), subject, rendered.html(), rendered.text(),
					followUp ? thread[thread.length - 1] : null, followUp ? String.join(" ", thread) : null);
			Optional<Queued> queuedMessage = outbox.enqueue(message, notBefore);
			if (queuedMessage.isEmpty()) {
				// Queued before a crash, not yet recorded here: record it now.
				queuedMessage = outbox.find(enrolment.id(), enrolment.nextStep());
			}
			else {
				queued++;
				campaignLeft--;
				slot.used++;
				slot.nextFree = notBefore.plusSeconds(Slot.gap(slot.mailbox));
				slot.toDomain.merge(domain, 1, Integer::sum);
			}
			String threadIds = followUp ? enrolment.threadIds().strip() + " " + queuedMessage.orElseThrow().messageId()
					: queuedMessage.orElseThrow().messageId();
			String threadSubject = followUp ? enrolment.threadSubject() : rendered.subject();
			advance(enrolment.id(), campaign, enrolment.nextStep(), slot.mailbox.id(), threadIds, threadSubject,
					notBefore, now);
		}
		return handled == BATCH ? BATCH : queued;
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
	 * mailbox with the most capacity left (ties by pool order), whose pace to the
	 * recipient's domain allows one more. Null when none can send now.
	 */
	private Slot pick(Map<UUID, Slot> pool, Due enrolment, String domain, int pacePerHour, Instant now) {
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
			if (slot.left() <= 0) {
				continue;
			}
			int recent = slot.toDomain.computeIfAbsent(domain,
					d -> outbox.toDomainSince(slot.mailbox.id(), d, now.minus(Duration.ofHours(1))));
			if (recent < pacePerHour) {
				return slot;
			}
		}
		return null;
	}

	/** Variants split evenly and stably: a hash of the enrolment and the step. */
	static int variant(UUID enrolmentId, int step, int variants) {
		if (variants <= 1) {
			return 0;
		}
		byte[] key = (enrolmentId + ":" + step).getBytes(StandardCharsets.UTF_8);
		return Math.floorMod(Arrays.hashCode(key), variants);
	}

	private static String reply(String subject) {
		return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject;
	}

	private void advance(UUID enrolmentId, Campaign campaign, int step, UUID mailboxId, String threadIds,
			String threadSubject, Instant sentAt, Instant now) {
		boolean last = step + 1 >= campaign.steps().size();
		Instant next = last ? null : sentAt.plus(Duration.ofMinutes(campaign.steps().get(step + 1).delayMinutes()));
		jdbc.sql("""
				UPDATE enrolments SET next_step = ?, mailbox_id = ?, thread_ids = ?, thread_subject = ?,
				    next_send_at = ?, state = ?, updated_at = ?
				WHERE id = ?""")
			.params(step + 1, mailboxId, threadIds, threadSubject, next == null ? null : Timestamp.from(next),
					last ? "completed" : "active", Timestamp.from(now), enrolmentId)
			.update();
	}

	private void reschedule(UUID enrolmentId, Instant at, Instant now) {
		jdbc.sql("UPDATE enrolments SET next_send_at = ?, updated_at = ? WHERE id = ?")
			.params(Timestamp.from(at), Timestamp.from(now), enrolmentId)
			.update();
	}

	private void finish(UUID enrolmentId, Instant now) {
		jdbc.sql("UPDATE enrolments SET state = 'completed', next_send_at = NULL, updated_at = ? WHERE id = ?")
			.params(Timestamp.from(now), enrolmentId)
			.update();
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
