package com.penguinmails.campaigns.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;

import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaign.Step;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.EnrolmentState;
import com.penguinmails.contacts.Contact;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.SendingPaths.PathLimit;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.shared.EmailAddresses;

/**
 * Decides one batch of a campaign's due enrolments, with no database and no clock: which
 * are sent now (by which mailbox, which variant, not before when), which wait for their
 * sending window or for capacity (and until when), which stop (contact gone, not active,
 * suppressed, a variable without a value) and which have finished. The scheduler reads
 * everything it needs, calls {@link #plan}, and writes the {@link Plan}.
 *
 * <p>
 * The rules: a sending window per recipient (the contact's time zone when the campaign
 * asks for it); each mailbox's daily cap and a random gap between its messages
 * ({@code minGapSeconds}..{@code maxGapSeconds}); at most {@code domainPacePerHour}
 * messages an hour from one mailbox to one recipient domain; the campaign's daily limit;
 * follow-ups from the mailbox that sent step 1 (a thread waits for its mailbox); new
 * threads from the pool's mailbox with the most capacity left; variants split evenly
 * until a step has a winner; a mailbox's limited paths to recipient providers
 * ({@link PathRoom}) skip it for their recipients, so rotation picks another.
 */
public final class SendPlanner {

	/** When a mailbox's cap or a domain's pace is reached, look again this much later. */
	public static final Duration RETRY = Duration.ofMinutes(15);

	private SendPlanner() {
	}

	/** An active enrolment whose next step is due, as read (and locked) for a batch. */
	public record Due(UUID id, UUID contactId, int nextStep, UUID mailboxId, String threadIds, String threadSubject) {
	}

	/**
	 * A mailbox of the pool as the batch starts.
	 *
	 * @param sentToday messages it sent in the last 24 hours
	 * @param lastSentAt when its latest message was (or is to be) sent, or null
	 * @param toDomainLastHour messages it sent per recipient domain in the last hour
	 */
	public record PoolMailbox(Mailbox mailbox, int sentToday, Instant lastSentAt,
			Map<String, Integer> toDomainLastHour) {
	}

	/**
	 * What a message says once rendered; {@code missing} names variables without a value.
	 */
	public record Composed(String subject, String html, String text, List<String> missing) {
	}

	/** Renders a variant for a recipient, from a mailbox, in a time zone. */
	@FunctionalInterface
	public interface Composer {

		Composed compose(Due enrolment, Contact contact, Mailbox from, Variant variant, ZoneId zone);

	}

	/**
	 * Everything one batch depends on.
	 *
	 * @param split messages queued so far per step and variant (updated as it plans)
	 * @param campaignLeft messages the campaign's daily limit still allows
	 * @param paths the limits on the pool's paths to the recipients' domains
	 */
	public record Batch(UUID workspaceId, Campaign campaign, Instant now, Instant horizon, List<Due> due,
			Map<UUID, Contact> contacts, Set<String> suppressed, List<PoolMailbox> pool,
			Map<Integer, Map<Integer, Long>> split, int campaignLeft, List<PathLimit> paths) {

		/** A batch with no limited path. */
		public Batch(UUID workspaceId, Campaign campaign, Instant now, Instant horizon, List<Due> due,
				Map<UUID, Contact> contacts, Set<String> suppressed, List<PoolMailbox> pool,
				Map<Integer, Map<Integer, Long>> split, int campaignLeft) {
			this(workspaceId, campaign, now, horizon, due, contacts, suppressed, pool, split, campaignLeft, List.of());
		}
	}

	/** A message to queue: from which mailbox, when, and what it continues. */
	public record Send(Due enrolment, UUID mailboxId, OutgoingMessage message, Instant notBefore, boolean followUp,
			String subject) {
	}

	/** An enrolment that waits: its next look is at {@code at}. */
	public record Move(UUID enrolmentId, Instant at) {
	}

	/** An enrolment that leaves the sequence, and why. */
	public record Stop(UUID enrolmentId, String reason) {
	}

	/**
	 * What the batch decided.
	 *
	 * @param full no mailbox of the pool could take another message before the horizon,
	 * or the campaign's daily limit is reached
	 */
	public record Plan(List<Send> sends, List<Move> moves, List<Stop> stops, List<UUID> finished, boolean full) {
	}

	/**
	 * What a sent step leaves on its enrolment: the next step, the sticky mailbox, the
	 * thread so far (Message-IDs, space separated) and when the next step is due (null
	 * after the last one, which completes it).
	 */
	public record Advance(UUID enrolmentId, int nextStep, UUID mailboxId, String threadIds, String threadSubject,
			Instant nextSendAt, EnrolmentState state) {
	}

	/**
	 * How many messages the pool can still send before {@code horizon}: each mailbox's
	 * day's cap left, bounded by what its shortest gap allows in the time left.
	 */
	public static long room(List<PoolMailbox> pool, Instant now, Instant horizon, RandomGenerator random) {
		long room = 0;
		for (PoolMailbox mailbox : pool) {
			Slot slot = new Slot(mailbox, now, random);
			if (slot.open(horizon)) {
				long minGap = slot.mailbox.minGapSeconds();
				long window = Math.max(0,
						Duration.between(slot.nextFree.isAfter(now) ? slot.nextFree : now, horizon).toSeconds());
				// Without a gap, the day's cap is the only limit.
				room += minGap <= 0 ? slot.left() : Math.min(slot.left(), 1 + window / minGap);
			}
		}
		return room;
	}

	/** Plans one batch; {@code random} draws the gaps between a mailbox's messages. */
	public static Plan plan(Batch batch, Composer composer, RandomGenerator random) {
		return new Planning(batch, composer, random).run();
	}

	/**
	 * What sending {@code send} (queued as {@code messageId}) leaves on its enrolment.
	 */
	public static Advance advance(Campaign campaign, Send send, String messageId) {
		Due enrolment = send.enrolment();
		String threadIds = send.followUp() ? enrolment.threadIds().strip() + " " + messageId : messageId;
		String threadSubject = send.followUp() ? enrolment.threadSubject() : send.subject();
		boolean last = enrolment.nextStep() + 1 >= campaign.steps().size();
		Instant next = last ? null : send.notBefore()
			.plus(Duration.ofMinutes(campaign.steps().get(enrolment.nextStep() + 1).delayMinutes()));
		return new Advance(enrolment.id(), enrolment.nextStep() + 1, send.mailboxId(), threadIds, threadSubject, next,
				last ? EnrolmentState.COMPLETED : EnrolmentState.ACTIVE);
	}

	/** The domain of an address, lowercase ({@link EmailAddresses#domainPart}). */
	public static String domainOf(String email) {
		return EmailAddresses.domainPart(email);
	}

	/** A mailbox's state while a batch is planned. */
	static final class Slot {

		final Mailbox mailbox;

		private final RandomGenerator random;

		int used;

		Instant nextFree;

		final Map<String, Integer> toDomain;

		Slot(PoolMailbox state, Instant now, RandomGenerator random) {
			this.mailbox = state.mailbox();
			this.random = random;
			this.used = state.sentToday();
			this.nextFree = state.lastSentAt() == null ? now : state.lastSentAt().plusSeconds(gap());
			this.toDomain = new HashMap<>(state.toDomainLastHour());
		}

		int left() {
			return mailbox.dailyCap() - used;
		}

		/** Whether it can take one more message that goes out before {@code until}. */
		boolean open(Instant until) {
			return left() > 0 && !nextFree.isAfter(until);
		}

		long gap() {
			int min = Math.max(0, mailbox.minGapSeconds());
			int max = Math.max(min, mailbox.maxGapSeconds());
			return min == max ? min : random.nextLong(min, max + 1L);
		}

	}

	/** The state of one planning pass. */
	private static final class Planning {

		private final Batch batch;

		private final Composer composer;

		private final Map<UUID, Slot> pool = new LinkedHashMap<>();

		private final List<Send> sends = new ArrayList<>();

		private final List<Move> moves = new ArrayList<>();

		private final List<Stop> stops = new ArrayList<>();

		private final List<UUID> finished = new ArrayList<>();

		private final ZoneId campaignZone;

		private final PathRoom paths;

		private int campaignLeft;

		private boolean poolFull;

		Planning(Batch batch, Composer composer, RandomGenerator random) {
			this.batch = batch;
			this.composer = composer;
			for (PoolMailbox mailbox : batch.pool()) {
				pool.put(mailbox.mailbox().id(), new Slot(mailbox, batch.now(), random));
			}
			this.campaignZone = ZoneId.of(batch.campaign().schedule().timeZone());
			this.campaignLeft = batch.campaignLeft();
			this.paths = new PathRoom(batch.paths(), batch.now());
		}

		Plan run() {
			for (Due enrolment : batch.due()) {
				decide(enrolment);
			}
			return new Plan(sends, moves, stops, finished, poolFull || campaignLeft <= 0);
		}

		private void decide(Due enrolment) {
			Contact contact = batch.contacts().get(enrolment.contactId());
			Campaign campaign = batch.campaign();
			if (contact == null) {
				stops.add(new Stop(enrolment.id(), "contact deleted"));
			}
			else if (contact.status() != ContactStatus.ACTIVE) {
				stops.add(new Stop(enrolment.id(), "contact " + contact.status().value()));
			}
			else if (batch.suppressed().contains(contact.email())) {
				stops.add(new Stop(enrolment.id(), "suppressed"));
			}
			else if (enrolment.nextStep() >= campaign.steps().size()) {
				finished.add(enrolment.id());
			}
			else {
				ZoneId zone = zone(contact);
				SendingWindow window = SendingWindow.of(zone, campaign.schedule().days(),
						campaign.schedule().windowStart(), campaign.schedule().windowEnd());
				Instant open = window.nextOpen(batch.now());
				if (open.isAfter(batch.now())) {
					moves.add(new Move(enrolment.id(), open));
				}
				else if (!poolFull && campaignLeft > 0) {
					// Otherwise still due: first in line at the next tick.
					send(enrolment, contact, zone, window);
				}
			}
		}

		private void send(Due enrolment, Contact contact, ZoneId zone, SendingWindow window) {
			String domain = domainOf(contact.email());
			Slot slot = pick(enrolment, domain);
			if (slot == null) {
				wait(enrolment, window);
				return;
			}
			Step step = batch.campaign().steps().get(enrolment.nextStep());
			int variantIndex = step.winner() != null ? step.winner().variant()
					: VariantSplit.evenly(batch.split(), enrolment.nextStep(), step.variants().size());
			Composed composed = composer.compose(enrolment, contact, slot.mailbox, step.variants().get(variantIndex),
					zone);
			if (!composed.missing().isEmpty()) {
				stops.add(new Stop(enrolment.id(), "no value for " + String.join(", ", composed.missing())));
				return;
			}
			boolean followUp = enrolment.nextStep() > 0 && !step.newThread() && enrolment.threadSubject() != null
					&& !enrolment.threadIds().isBlank();
			String subject = followUp ? reply(enrolment.threadSubject()) : composed.subject();
			String[] thread = followUp ? enrolment.threadIds().strip().split(" ") : new String[0];
			Instant notBefore = paths.notBefore(slot.mailbox.id(), domain,
					slot.nextFree.isAfter(batch.now()) ? slot.nextFree : batch.now());
			OutgoingMessage message = new OutgoingMessage(batch.workspaceId(), batch.campaign().id(), enrolment.id(),
					enrolment.nextStep(), variantIndex, slot.mailbox.id(), slot.mailbox.email(), contact.id(),
					contact.email(), (contact.firstName() + " " + contact.lastName()).strip(), subject, composed.html(),
					composed.text(), followUp ? thread[thread.length - 1] : null,
					followUp ? String.join(" ", thread) : null);
			sends.add(new Send(enrolment, slot.mailbox.id(), message, notBefore, followUp, composed.subject()));
			campaignLeft--;
			slot.used++;
			slot.nextFree = notBefore.plusSeconds(slot.gap());
			slot.toDomain.merge(domain, 1, Integer::sum);
			paths.planned(slot.mailbox.id(), domain, notBefore);
		}

		/**
		 * No mailbox can take it now: the whole pool is full, or it looks again later.
		 */
		private void wait(Due enrolment, SendingWindow window) {
			if (pool.values().stream().noneMatch(s -> s.open(batch.horizon()))) {
				poolFull = true;
				return;
			}
			// Its mailbox is busy or the domain's pace is reached: look again later.
			Slot sticky = enrolment.mailboxId() == null ? null : pool.get(enrolment.mailboxId());
			Instant later = sticky != null && sticky.left() > 0 && sticky.nextFree.isAfter(batch.now())
					? sticky.nextFree : batch.now().plus(RETRY);
			moves.add(new Move(enrolment.id(), window.nextOpen(later)));
		}

		/**
		 * The mailbox for this enrolment: the one that sent its first step, else the
		 * pool's mailbox with the most capacity left (ties by pool order), that can send
		 * before the horizon and whose pace to the recipient's domain allows one more.
		 * Null when none.
		 */
		private Slot pick(Due enrolment, String domain) {
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
			int pace = batch.campaign().schedule().domainPacePerHour();
			for (Slot slot : candidates) {
				if (slot.open(batch.horizon()) && slot.toDomain.getOrDefault(domain, 0) < pace
						&& paths.allows(slot.mailbox.id(), domain, slot.toDomain, batch.horizon())) {
					return slot;
				}
			}
			return null;
		}

		private ZoneId zone(Contact contact) {
			if (batch.campaign().schedule().contactTimeZone() && !contact.timeZone().isBlank()) {
				try {
					return ZoneId.of(contact.timeZone());
				}
				catch (DateTimeException ex) {
					return campaignZone;
				}
			}
			return campaignZone;
		}

		private static String reply(String subject) {
			return subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject;
		}

	}

}
