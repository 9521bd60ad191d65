package com.penguinmails.campaigns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.internal.EnrolmentRepository;
import com.penguinmails.campaigns.internal.SendPlanner;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.shared.Tenant;

/**
 * Enrolments (one contact in one campaign's sequence) as what recipients do changes them:
 * stopping a sequence on a reply, a click, a bounce, a complaint or an unsubscribe, as
 * the campaign's stop conditions say, and recording what each message's recipient did for
 * the A/B decisions. Campaigns call these from the events inbound, tracking and delivery
 * publish ({@code EnrolmentEvents}); nothing outside campaigns calls them.
 */
@Service
public class Enrolments {

	/**
	 * Free mail providers: a reply from one of their users says nothing of the others.
	 */
	private static final Set<String> FREE_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "ymail.com",
			"hotmail.com", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "gmx.com", "gmx.de",
			"gmx.net", "web.de", "mail.ru", "yandex.ru", "yandex.com", "proton.me", "protonmail.com", "zoho.com",
			"fastmail.com", "hey.com", "qq.com", "163.com");

	/** One engagement to record: what the recipient of one message did. */
	public record EngagementRecord(UUID workspaceId, UUID campaignId, int step, int variant, UUID outboxId,
			Engagement kind) {
	}

	private final EnrolmentRepository enrolments;

	private final Contacts contacts;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Enrolments(EnrolmentRepository enrolments, Contacts contacts, Clock clock, ApplicationEventPublisher events) {
		this.enrolments = enrolments;
		this.contacts = contacts;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Applies {@code event} to one enrolment: it stops when its campaign stops on that
	 * event (a reply, by default), keeping the event as the reason; on a reply with "stop
	 * the whole company" on, every other active enrolment of the campaign at the same
	 * company domain stops too (free mail providers excepted). An enrolment no longer
	 * active, or unknown, is left alone. Returns how many enrolments stopped; each stop
	 * publishes one {@link EnrolmentStopped}.
	 */
	@Transactional
	public int stopOn(UUID workspaceId, UUID enrolmentId, StopEvent event) {
		Optional<EnrolmentRepository.Stoppable> found = enrolments.stoppable(workspaceId, enrolmentId);
		if (found.isEmpty()) {
			return 0;
		}
		if (event == StopEvent.REPLIED || event == StopEvent.BOUNCED) {
			// The campaigns list counts repliers and bounces per recipient.
			enrolments.note(workspaceId, enrolmentId, event == StopEvent.REPLIED, clock.instant());
		}
		EnrolmentRepository.Stoppable enrolment = found.get();
		int stopped = event.stops(enrolment.stops()) && stop(workspaceId, enrolmentId, event.reason()) ? 1 : 0;
		if (event == StopEvent.REPLIED && enrolment.stops().companyOnReply()) {
			stopped += stopCompany(workspaceId, enrolmentId, enrolment);
		}
		return stopped;
	}

	/** Stops the campaign's other enrolments at the replier's company domain. */
	private int stopCompany(UUID workspaceId, UUID enrolmentId, EnrolmentRepository.Stoppable enrolment) {
		Contact replier = contacts.byIds(Tenant.system(workspaceId), List.of(enrolment.contactId()))
			.get(enrolment.contactId());
		String domain = replier == null ? null : SendPlanner.domainOf(replier.email());
		if (domain == null || FREE_MAIL.contains(domain)) {
			return 0;
		}
		String reason = "a colleague replied";
		Instant now = clock.instant();
		List<EnrolmentRepository.Ended> stopped = enrolments.stopContacts(workspaceId, enrolment.campaignId(),
				enrolmentId, contacts.idsAtDomain(workspaceId, domain), reason, now);
		stopped.forEach(ended -> publishStopped(workspaceId, ended, reason, now));
		return stopped.size();
	}

	/**
	 * Stops one enrolment whatever its campaign's conditions (an unsubscribe from this
	 * campaign only, a permanent delivery failure), keeping {@code reason} (at most 200
	 * characters), and publishes one {@link EnrolmentStopped}. Returns false when it was
	 * not active (nothing is published).
	 */
	@Transactional
	public boolean stop(UUID workspaceId, UUID enrolmentId, String reason) {
		Instant now = clock.instant();
		Optional<EnrolmentRepository.Ended> stopped = enrolments.stop(workspaceId, enrolmentId, reason, now);
		stopped.ifPresent(ended -> publishStopped(workspaceId, ended, reason, now));
		return stopped.isPresent();
	}

	/**
	 * A message was sent (its SMTP server answered 2xx): when it was its enrolment's last
	 * step, publishes {@link EnrolmentCompleted} now, so the completion comes after the
	 * last send rather than when the step was queued. Returns whether it did.
	 */
	public boolean sent(UUID workspaceId, UUID enrolmentId, int step, Instant sentAt) {
		Optional<EnrolmentRepository.Ended> completed = enrolments.completedAfter(workspaceId, enrolmentId, step);
		completed.ifPresent(ended -> events.publishEvent(new EnrolmentCompleted(workspaceId, ended.campaignId(),
				ended.enrolmentId(), ended.contactId(), sentAt)));
		return completed.isPresent();
	}

	private void publishStopped(UUID workspaceId, EnrolmentRepository.Ended ended, String reason, Instant at) {
		events.publishEvent(EnrolmentStopped.of(workspaceId, ended.campaignId(), ended.enrolmentId(), ended.contactId(),
				reason, at));
	}

	/**
	 * Records what recipients did with messages of campaigns; each kind counts once per
	 * message (recording it again changes nothing).
	 */
	public void recordEngagements(List<EngagementRecord> engagements) {
		enrolments.recordEngagements(engagements, clock.instant());
	}

}
