package com.penguinmails.tracking;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.delivery.UnsubscribeLinks;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.tracking.Unsubscribed.Scope;

/**
 * Unsubscribes through the signed link of a message (no login: the link is the
 * credential), from that campaign only or from everything the workspace sends. Effective
 * at once: from the campaign, its enrolment stops; from everything, the address also goes
 * on the workspace's suppression list (so the next send, checked at the last moment, does
 * not happen) and the contact becomes unsubscribed. On a workspace's tracking host, only
 * that workspace's links work.
 */
@Service
public class Unsubscribes {

	/**
	 * What a link names: the address, the sender's workspace, and whether the message is
	 * a campaign's (then "this campaign only" is a choice). For a recipient erased on
	 * request (GDPR) {@code erased} is true and the address is null: it is no longer
	 * known, and stays suppressed by its hash.
	 */
	public record Target(String address, String workspaceName, boolean campaign, boolean erased) {
	}

	/** What an unsubscribe did: from what, for whom. */
	public record Done(Target target, Scope scope) {
	}

	private final UnsubscribeLinks links;

	private final TrackingLinks tracking;

	private final Outbox outbox;

	private final Suppressions suppressions;

	private final Contacts contacts;

	private final Campaigns campaigns;

	private final WorkspaceDirectory directory;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	Unsubscribes(UnsubscribeLinks links, TrackingLinks tracking, Outbox outbox, Suppressions suppressions,
			Contacts contacts, Campaigns campaigns, WorkspaceDirectory directory, ApplicationEventPublisher publisher,
			Clock clock) {
		this.links = links;
		this.tracking = tracking;
		this.outbox = outbox;
		this.suppressions = suppressions;
		this.contacts = contacts;
		this.campaigns = campaigns;
		this.directory = directory;
		this.publisher = publisher;
		this.clock = clock;
	}

	/** The target of a link; 404 for a tampered or unknown one. */
	public Target target(String token) {
		return target(token, null);
	}

	/**
	 * The target of a link arriving on the tracking host of {@code hostWorkspace} (null:
	 * the app's own host); 404 as well for a message of another workspace.
	 */
	public Target target(String token, UUID hostWorkspace) {
		return target(recipient(token, hostWorkspace));
	}

	/**
	 * Unsubscribes the link's address (again is harmless); {@link Scope#CAMPAIGN} for a
	 * message of no campaign means everything.
	 */
	@Transactional
	public Done unsubscribe(String token, Scope scope) {
		return unsubscribe(token, scope, null);
	}

	/**
	 * Unsubscribes as {@link #unsubscribe(String, Scope)} through a link arriving on the
	 * tracking host of {@code hostWorkspace} (null: the app's own host); 404 for a
	 * message of another workspace.
	 */
	@Transactional
	public Done unsubscribe(String token, Scope scope, UUID hostWorkspace) {
		Recipient recipient = recipient(token, hostWorkspace);
		Target target = target(recipient);
		if (target.erased()) {
			// Erasure already suppressed the address for good (by its hash) and removed
			// the contact: the link's promise holds, and there is nothing left to do.
			return new Done(target, Scope.ALL);
		}
		Scope effective = target.campaign() ? scope : Scope.ALL;
		boolean changed;
		if (effective == Scope.CAMPAIGN) {
			changed = campaigns.stop(recipient.workspaceId(), recipient.enrolmentId(),
					"unsubscribed from this campaign");
		}
		else {
			changed = suppressions.suppress(recipient.workspaceId(), recipient.address(), "unsubscribed");
			if (recipient.contactId() != null) {
				contacts.markStatus(recipient.workspaceId(), recipient.contactId(), ContactStatus.UNSUBSCRIBED);
			}
			if (recipient.enrolmentId() != null) {
				changed |= campaigns.stopOn(recipient.workspaceId(), recipient.enrolmentId(), "unsubscribed") > 0;
			}
		}
		if (changed) {
			publisher.publishEvent(new Unsubscribed(recipient.workspaceId(), recipient.campaignId(),
					recipient.enrolmentId(), recipient.step(), recipient.variant(), recipient.outboxId(),
					recipient.address(), effective, clock.instant()));
		}
		return new Done(target, effective);
	}

	private Target target(Recipient recipient) {
		String workspace = directory.workspaceName(recipient.workspaceId());
		if (recipient.erased()) {
			return new Target(null, workspace, false, true);
		}
		return new Target(recipient.address(), workspace,
				recipient.campaignId() != null && recipient.enrolmentId() != null, false);
	}

	private Recipient recipient(String token, UUID hostWorkspace) {
		// The header's link names the outbox row; the body's {{ unsubscribe_url }} the
		// enrolment's step.
		Optional<Recipient> found = links.outboxId(token)
			.flatMap(outbox::recipient)
			.or(() -> tracking.parse(token)
				.filter(link -> link.url().equals(TrackingLinks.UNSUBSCRIBE))
				.flatMap(link -> outbox.recipient(link.enrolmentId(), link.step())));
		return found.filter(r -> hostWorkspace == null || hostWorkspace.equals(r.workspaceId()))
			.orElseThrow(() -> new NotFoundProblem("Unsubscribe link"));
	}

}
