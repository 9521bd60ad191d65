package com.penguinmails.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.campaigns.internal.AbDecisions;
import com.penguinmails.campaigns.internal.CampaignRepository;
import com.penguinmails.campaigns.internal.EnrolmentRepository;
import com.penguinmails.campaigns.internal.PoolGroups;
import com.penguinmails.campaigns.internal.SendPlanner;
import com.penguinmails.campaigns.internal.SendPlanner.Advance;
import com.penguinmails.campaigns.internal.SendPlanner.Batch;
import com.penguinmails.campaigns.internal.SendPlanner.Composed;
import com.penguinmails.campaigns.internal.SendPlanner.Due;
import com.penguinmails.campaigns.internal.SendPlanner.Plan;
import com.penguinmails.campaigns.internal.SendPlanner.PoolMailbox;
import com.penguinmails.campaigns.internal.SendPlanner.Send;
import com.penguinmails.campaigns.internal.StepRenderer;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Pacing;
import com.penguinmails.delivery.Outbox.Queued;
import com.penguinmails.delivery.SendingPaths;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.Rendered;

/**
 * Turns due enrolments into outbox messages. For each running campaign, a tick takes the
 * enrolments due now (claimed with {@code SKIP LOCKED}, so nodes share the work), and in
 * one transaction per batch: reads what the decision needs (contacts, suppression, the
 * pool's pacing from the outbox), plans with {@link SendPlanner} (windows, caps, gaps,
 * rotation, pace, the limited paths of {@link SendingPaths}; no database), and writes the
 * plan (messages queued once, by the outbox's unique key; enrolments advanced, moved,
 * stopped or finished). Each batch commits before the next is read, so a large campaign's
 * first messages are claimable by the dispatcher (its own scheduling thread) within the
 * first batch, not after the whole campaign is queued.
 */
@Component
public class CampaignScheduler {

	private static final Logger log = LoggerFactory.getLogger(CampaignScheduler.class);

	static final int BATCH = 500;

	/**
	 * How far ahead a tick schedules: each mailbox gets what its gap lets it send in the
	 * next five minutes, so a tick's work is bounded by the pool, not by the queue.
	 */
	static final Duration HORIZON = Duration.ofMinutes(5);

	private final CampaignRepository campaigns;

	private final EnrolmentRepository enrolments;

	private final AbDecisions abDecisions;

	private final StepRenderer renderer;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Suppressions suppressions;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final TrackingLinks links;

	private final Clock clock;

	private final boolean enabled;

	private final ReentrantLock ticking = new ReentrantLock();

	private final SendingRamps ramps;

	private final ObjectProvider<SendingPaths> paths;

	private final ApplicationEventPublisher events;

	private static final AtomicInteger WORKER = new AtomicInteger();

	/** Schedules groups of campaigns side by side ({@code scheduler-threads}). */
	private final ExecutorService workers;

	CampaignScheduler(CampaignRepository campaigns, EnrolmentRepository enrolments, AbDecisions abDecisions,
			StepRenderer renderer, Mailboxes mailboxes, Contacts contacts, Suppressions suppressions, Outbox outbox,
			TransactionTemplate transactions, TrackingLinks links, Clock clock, SendingRamps ramps,
			ObjectProvider<SendingPaths> paths, ApplicationEventPublisher events,
			@Value("${penguinmails.campaigns.scheduler-enabled:true}") boolean enabled,
			@Value("${penguinmails.campaigns.scheduler-threads:4}") int threads) {
		this.workers = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
			Thread thread = new Thread(runnable, "campaign-scheduler-" + WORKER.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.events = events;
		this.paths = paths;
		this.ramps = ramps;
		this.campaigns = campaigns;
		this.enrolments = enrolments;
		this.abDecisions = abDecisions;
		this.renderer = renderer;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.suppressions = suppressions;
		this.outbox = outbox;
		this.transactions = transactions;
		this.links = links;
		this.clock = clock;
		this.enabled = enabled;
	}

	/**
	 * A tick on the interval, or at once after a launch ({@link LaunchTicks}); one at a
	 * time on this node.
	 */
	@Scheduled(initialDelayString = "PT10S", fixedDelayString = "${penguinmails.campaigns.tick:PT5S}")
	void run() {
		if (enabled) {
			ticking.lock();
			try {
				tick(clock.instant());
			}
			catch (RuntimeException ex) {
				log.warn("Campaign scheduler tick failed: {}", ex.getMessage(), ex);
			}
			finally {
				ticking.unlock();
			}
		}
	}

	/**
	 * One pass over every running campaign at {@code now}; returns messages queued. Only
	 * campaigns with an enrolment due are scheduled; those whose pools share no mailbox
	 * ({@link PoolGroups}) run side by side on {@code scheduler-threads} workers, each
	 * campaign in transactions of at most {@link #BATCH} enrolments that commit as they
	 * go, so the dispatcher sends the first messages while the tick goes on.
	 */
	public int tick(Instant now) {
		campaigns.startDue(now);
		for (UUID campaignId : campaigns.runningWithOpenAbTests()) {
			abDecisions.decide(campaignId, outbox.sentByVariant(campaignId), now);
		}
		List<CampaignRepository.Running> due = campaigns.runningWithDue(now);
		List<List<CampaignRepository.Running>> groups = due.isEmpty() ? List.of()
				: PoolGroups.of(due, campaigns.pools(due.stream().map(CampaignRepository.Running::id).toList()));
		int queued = groups.size() <= 1 ? groups.stream().mapToInt(group -> schedule(group, now)).sum()
				: inParallel(groups, now);
		transactions.executeWithoutResult(status -> {
			for (CampaignRepository.Completed done : campaigns.completeAllDone(now)) {
				events.publishEvent(new CampaignCompleted(done.workspaceId(), done.id(), done.name(), now));
			}
		});
		return queued;
	}

	/** Schedules the groups on the workers; the first failure is thrown once all end. */
	private int inParallel(List<List<CampaignRepository.Running>> groups, Instant now) {
		List<Future<Integer>> running = new ArrayList<>();
		for (List<CampaignRepository.Running> group : groups) {
			running.add(workers.submit(() -> schedule(group, now)));
		}
		int queued = 0;
		RuntimeException failed = null;
		for (Future<Integer> group : running) {
			try {
				queued += group.get();
			}
			catch (ExecutionException ex) {
				failed = failed != null ? failed : ex.getCause() instanceof RuntimeException runtime ? runtime
						: new IllegalStateException(ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				running.forEach(future -> future.cancel(true));
				throw new IllegalStateException("The scheduler tick was interrupted", ex);
			}
		}
		if (failed != null) {
			throw failed;
		}
		return queued;
	}

	/** One group's campaigns in order, each batch after batch while the pool has room. */
	private int schedule(List<CampaignRepository.Running> group, Instant now) {
		int queued = 0;
		for (CampaignRepository.Running campaign : group) {
			Round round;
			do {
				round = transactions.execute(status -> tickCampaign(campaign.workspaceId(), campaign.id(), now));
				queued += round == null ? 0 : round.queued();
			}
			while (round != null && round.more());
		}
		return queued;
	}

	/**
	 * What one batch did: messages newly queued, and whether another batch may follow.
	 */
	private record Round(int queued, boolean more) {

		static final Round NONE = new Round(0, false);

	}

	/** Stops the workers with the application. */
	@PreDestroy
	void stop() {
		workers.shutdownNow();
	}

	/**
	 * One batch of one campaign, in one transaction: reads in bulk, plans in memory,
	 * writes in bulk.
	 */
	private Round tickCampaign(UUID workspaceId, UUID campaignId, Instant now) {
		Optional<Campaign> found = campaigns.find(workspaceId, campaignId);
		if (found.isEmpty() || found.get().status() != CampaignStatus.RUNNING) {
			return Round.NONE;
		}
		Campaign campaign = found.get();
		Instant horizon = now.plus(HORIZON);
		List<PoolMailbox> pool = pool(workspaceId, campaign, now);
		long room = SendPlanner.room(pool, now, horizon, ThreadLocalRandom.current());
		Integer limit = campaign.schedule().dailyLimit();
		int campaignLeft = limit == null ? Integer.MAX_VALUE
				: limit - outbox.campaignSince(campaignId, now.minus(Duration.ofDays(1)));
		if (room == 0 || campaignLeft <= 0) {
			return Round.NONE;
		}
		int take = (int) Math.min(BATCH, Math.min(room, campaignLeft) * 2 + 10);
		List<Due> due = enrolments.claimDue(campaignId, now, take);
		if (due.isEmpty()) {
			return Round.NONE;
		}
		Batch batch = read(workspaceId, campaign, now, horizon, due, pool, campaignLeft);
		Plan plan = SendPlanner.plan(batch, composer(workspaceId, campaign), ThreadLocalRandom.current());
		int queued = write(workspaceId, campaign, plan, due, now);
		// Another batch only when this one was full and the pool still has room.
		return new Round(queued, due.size() == take && !plan.full());
	}

	/** The pool's active mailboxes with what they sent lately. */
	private List<PoolMailbox> pool(UUID workspaceId, Campaign campaign, Instant now) {
		Map<UUID, Pacing> pacing = outbox.pacing(campaign.mailboxIds(), now);
		List<PoolMailbox> pool = new ArrayList<>();
		for (Mailbox mailbox : ramps.capped(campaign, mailboxes.findAll(workspaceId, campaign.mailboxIds()), now)) {
			if (mailbox.status() == MailboxStatus.ACTIVE) {
				Pacing sent = pacing.get(mailbox.id());
				pool.add(new PoolMailbox(mailbox, sent == null ? 0 : sent.lastDay(),
						sent == null ? null : sent.latest(), new HashMap<>()));
			}
		}
		return pool;
	}

	/** Reads what the batch's decisions need: contacts, suppression, recent pace. */
	private Batch read(UUID workspaceId, Campaign campaign, Instant now, Instant horizon, List<Due> due,
			List<PoolMailbox> pool, int campaignLeft) {
		Map<UUID, Contact> people = contacts.byIds(Tenant.system(workspaceId),
				due.stream().map(Due::contactId).toList());
		Set<String> suppressed = suppressions.suppressedAmong(workspaceId,
				people.values().stream().map(Contact::email).toList());
		List<UUID> mailboxIds = pool.stream().map(p -> p.mailbox().id()).toList();
		List<String> domains = people.values().stream().map(c -> SendPlanner.domainOf(c.email())).distinct().toList();
		Map<UUID, Map<String, Integer>> recent = outbox.toDomainsSince(mailboxIds, domains,
				now.minus(Duration.ofHours(1)));
		List<PoolMailbox> paced = pool.stream()
			.map(p -> new PoolMailbox(p.mailbox(), p.sentToday(), p.lastSentAt(),
					recent.getOrDefault(p.mailbox().id(), Map.of())))
			.toList();
		// How many each variant has had so far, per step: the next goes to the fewest.
		Map<Integer, Map<Integer, Long>> split = campaign.steps().stream().anyMatch(s -> s.variants().size() > 1)
				? outbox.queuedByVariant(campaign.id()) : new HashMap<>();
		return new Batch(workspaceId, campaign, now, horizon, due, people, suppressed, paced, split, campaignLeft,
				paths.getIfAvailable(() -> SendingPaths.NONE).limits(workspaceId, mailboxIds, domains, now));
	}

	/**
	 * Renders a variant with the message's own unsubscribe link; links on the sender's
	 * domain's verified tracking host, if it has one. A variant linked to a template
	 * renders the template's latest version (its last copy when the template was deleted;
	 * the launch check and the diagnosis say so). A plain-text step
	 * ({@link StepFormat#TEXT}): no HTML part (so no pixel) and the text's links as
	 * written.
	 */
	private SendPlanner.Composer composer(UUID workspaceId, Campaign campaign) {
		Map<Variant, Variant> resolved = new HashMap<>();
		return (Due enrolment, Contact contact, Mailbox from, Variant variant, ZoneId zone) -> {
			String senderDomain = SendPlanner.domainOf(from.email());
			Variant content = resolved.computeIfAbsent(variant, v -> renderer.resolve(workspaceId, v).orElse(v));
			Rendered rendered = renderer.render(content, contact, from, zone.getId(),
					links.unsubscribeUrl(workspaceId, senderDomain, enrolment.id(), enrolment.nextStep()));
			boolean text = campaign.steps().get(enrolment.nextStep()).formatOrDefault() == StepFormat.TEXT;
			String html = !rendered.sendable() || text ? null
					: links.rewrite(rendered.html(), workspaceId, senderDomain, enrolment.id(), enrolment.nextStep(),
							campaign.tracking().opens(), campaign.tracking().clicks());
			return new Composed(rendered.subject(), html, rendered.text(), rendered.missing());
		};
	}

	/**
	 * Queues the plan's messages and writes its enrolments, publishing each enrolment
	 * that stopped or completed; returns how many messages were new.
	 */
	private int write(UUID workspaceId, Campaign campaign, Plan plan, List<Due> due, Instant now) {
		List<Optional<Queued>> queued = outbox.enqueueAll(plan.sends().stream().map(Send::message).toList(),
				plan.sends().stream().map(Send::notBefore).toList());
		List<Advance> advances = new ArrayList<>();
		int count = 0;
		for (int i = 0; i < plan.sends().size(); i++) {
			Send send = plan.sends().get(i);
			Optional<Queued> message = queued.get(i);
			if (message.isPresent()) {
				count++;
			}
			else {
				// Queued before a crash, not yet recorded here: record it now.
				message = outbox.find(send.enrolment().id(), send.enrolment().nextStep());
			}
			advances.add(SendPlanner.advance(campaign, send, message.orElseThrow().messageId()));
		}
		List<SendPlanner.Stop> stopped = enrolments.apply(advances, plan.moves(), plan.stops(), plan.finished(), now);
		publishEnded(workspaceId, campaign, due, stopped, plan.finished(), now);
		return count;
	}

	private void publishEnded(UUID workspaceId, Campaign campaign, List<Due> due, List<SendPlanner.Stop> stopped,
			List<UUID> finished, Instant now) {
		Map<UUID, UUID> contactOf = new HashMap<>();
		due.forEach(enrolment -> contactOf.put(enrolment.id(), enrolment.contactId()));
		for (SendPlanner.Stop stop : stopped) {
			events.publishEvent(EnrolmentStopped.of(workspaceId, campaign.id(), stop.enrolmentId(),
					contactOf.get(stop.enrolmentId()), stop.reason(), now));
		}
		// An enrolment whose last step was queued now completes when that message is sent
		// (Enrolments.sent, on MessageSent); only one with no step left completes here.
		for (UUID enrolmentId : finished) {
			events.publishEvent(
					new EnrolmentCompleted(workspaceId, campaign.id(), enrolmentId, contactOf.get(enrolmentId), now));
		}
	}

}
