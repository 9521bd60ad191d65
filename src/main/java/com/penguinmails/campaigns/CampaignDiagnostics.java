package com.penguinmails.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.penguinmails.campaigns.internal.EnrolmentRepository;
import com.penguinmails.campaigns.internal.EnrolmentRepository.DueNow;
import com.penguinmails.campaigns.internal.SendDiagnosis;
import com.penguinmails.campaigns.internal.StepRenderer;
import com.penguinmails.campaigns.internal.SendDiagnosis.Diagnosis;
import com.penguinmails.campaigns.internal.SendDiagnosis.Facts;
import com.penguinmails.campaigns.internal.SendEstimate;
import com.penguinmails.campaigns.internal.SendEstimate.Estimate;
import com.penguinmails.campaigns.internal.SendPlanner;
import com.penguinmails.campaigns.internal.SendPlanner.PoolMailbox;
import com.penguinmails.campaigns.internal.SendingWindow;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Pacing;
import com.penguinmails.delivery.SendingSwitch;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;

/**
 * What a campaign page says about sending: why a campaign is or is not sending now, and
 * when it sends next ({@link SendDiagnosis}), and before launch how long it will take
 * ({@link SendEstimate}). Reads what the scheduler reads (the pool and its last 24 hours,
 * the campaign's messages, the due recipients and their domains' last hour), in the
 * caller's workspace.
 */
@Service
public class CampaignDiagnostics {

	/** Due recipients whose domains are checked against the pace. */
	private static final int DOMAIN_SAMPLE = 100;

	private final Campaigns campaigns;

	private final EnrolmentRepository enrolments;

	private final Mailboxes mailboxes;

	private final Contacts contacts;

	private final Outbox outbox;

	private final SendingSwitch sendingSwitch;

	private final Clock clock;

	private final StepRenderer renderer;

	private final SendingRamps ramps;

	CampaignDiagnostics(Campaigns campaigns, EnrolmentRepository enrolments, Mailboxes mailboxes, Contacts contacts,
			Outbox outbox, SendingSwitch sendingSwitch, Clock clock, StepRenderer renderer, SendingRamps ramps) {
		this.ramps = ramps;
		this.renderer = renderer;
		this.campaigns = campaigns;
		this.enrolments = enrolments;
		this.mailboxes = mailboxes;
		this.contacts = contacts;
		this.outbox = outbox;
		this.sendingSwitch = sendingSwitch;
		this.clock = clock;
	}

	/** Why the campaign is or is not sending now, and its next send time. */
	public Diagnosis diagnose(Tenant tenant, UUID id) {
		Campaign campaign = campaigns.get(tenant, id);
		Instant now = clock.instant();
		UUID workspaceId = tenant.workspaceId();
		List<Mailbox> pool = ramps.capped(campaign, mailboxes.findAll(workspaceId, campaign.mailboxIds()), now);
		Map<UUID, Pacing> pacing = outbox.pacing(campaign.mailboxIds(), now);
		List<PoolMailbox> state = pool.stream().map(m -> {
			Pacing sent = pacing.get(m.id());
			return new PoolMailbox(m, sent == null ? 0 : sent.lastDay(), sent == null ? null : sent.latest(), Map.of());
		}).toList();
		DueNow due = enrolments.dueNow(workspaceId, id, now);
		Set<String> domains = due.due() == 0 ? Set.of()
				: contacts
					.byIds(Tenant.system(workspaceId), enrolments.dueContacts(workspaceId, id, now, DOMAIN_SAMPLE))
					.values()
					.stream()
					.map(Contact::email)
					.map(SendPlanner::domainOf)
					.collect(Collectors.toSet());
		Map<UUID, Map<String, Integer>> paced = domains.isEmpty() ? new HashMap<>()
				: outbox.toDomainsSince(campaign.mailboxIds(), domains, now.minus(Duration.ofHours(1)));
		int lastDay = outbox.campaignSince(id, now.minus(Duration.ofDays(1)));
		Diagnosis diagnosis = SendDiagnosis.diagnose(new Facts(campaign, now, sendingSwitch.paused(workspaceId), state,
				lastDay, campaigns.recipients(tenant, id), due.due(), due.next(), domains, paced));
		List<SendDiagnosis.Reason> reasons = new java.util.ArrayList<>(diagnosis.reasons());
		for (int s = 0; s < campaign.steps().size(); s++) {
			List<Campaign.Variant> variants = campaign.steps().get(s).variants();
			for (int v = 0; v < variants.size(); v++) {
				if (renderer.resolve(workspaceId, variants.get(v)).isEmpty()) {
					reasons.add(new SendDiagnosis.Reason(SendDiagnosis.Kind.TEMPLATE_DELETED, "Step " + (s + 1)
							+ (variants.size() > 1 ? " variant " + (char) ('A' + v) : "")
							+ " is linked to a template that was deleted: it sends its last copy (unlink it or use another).",
							false, null, null));
				}
			}
		}
		return new Diagnosis(diagnosis.sending(), diagnosis.nextSend(), reasons);
	}

	/**
	 * Every campaign of the workspace with its figures, in the order of {@code sort} (one
	 * of {@link CampaignSummary#SORTS}; anything else sorts by last activity).
	 */
	public List<CampaignSummary> summaries(Tenant tenant, String sort) {
		Map<UUID, EnrolmentRepository.Figures> figures = enrolments.figures(tenant.workspaceId());
		EnrolmentRepository.Figures none = new EnrolmentRepository.Figures(0, 0, 0, 0, 0, 0, null);
		return campaigns.list(tenant).stream().map(c -> {
			EnrolmentRepository.Figures f = figures.getOrDefault(c.id(), none);
			long sent = c.status() == CampaignStatus.DRAFT ? 0
					: outbox.stepCounts(tenant, c.id()).stream().mapToLong(Outbox.StepCount::sent).sum();
			Instant last = f.lastActivity() != null ? f.lastActivity()
					: c.launchedAt() != null ? c.launchedAt() : c.createdAt();
			return new CampaignSummary(c, f.active() + f.completed() + f.stopped(), f.completed() + f.stopped(),
					f.contacted(), sent, f.repliers(), f.bounced(), last);
		}).sorted(CampaignSummary.order(sort)).toList();
	}

	/**
	 * Before launch: how long the first step takes to reach the campaign's active
	 * recipients, from now (or its start time when later).
	 */
	public Estimate estimate(Tenant tenant, UUID id) {
		Campaign campaign = campaigns.get(tenant, id);
		Instant now = clock.instant();
		Instant from = campaign.schedule().startAt() != null && campaign.schedule().startAt().isAfter(now)
				? campaign.schedule().startAt() : now;
		return SendEstimate.estimate(campaign,
				ramps.capped(campaign, mailboxes.findAll(tenant.workspaceId(), campaign.mailboxIds()), from),
				campaigns.recipients(tenant, id).active(), from);
	}

	/**
	 * When a campaign launched now (or at its start time) sends its first message, by its
	 * window, as the campaign's zone reads it ("Mon 2026-12-07 09:00 UTC").
	 */
	public String firstSend(Campaign campaign) {
		Instant now = clock.instant();
		Instant from = campaign.schedule().startAt() != null && campaign.schedule().startAt().isAfter(now)
				? campaign.schedule().startAt() : now;
		SendingWindow window = window(campaign);
		Instant first = window.nextOpen(from);
		return first.equals(now) ? "now" : SendDiagnosis.at(first, window);
	}

	/** A time as the campaign's zone reads it, for pages. */
	public String at(Campaign campaign, Instant instant) {
		return instant == null ? "" : SendDiagnosis.at(instant, window(campaign));
	}

	private static SendingWindow window(Campaign campaign) {
		Campaign.Schedule s = campaign.schedule();
		return SendingWindow.of(java.time.ZoneId.of(s.timeZone()), s.days(), s.windowStart(), s.windowEnd());
	}

}
