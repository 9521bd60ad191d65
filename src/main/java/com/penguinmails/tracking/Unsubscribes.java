package com.penguinmails.tracking;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.tracking.Unsubscribed.Scope;
import com.penguinmails.tracking.internal.LinkTokens;

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
	 * What a link names: the address, the sender (the workspace's public sender name, see
	 * {@code WorkspaceDirectory.publicSenderName}), and whether the message is a
	 * campaign's (then "this campaign only" is a choice). For a recipient erased on
	 * request (GDPR) {@code erased} is true and the address is null: it is no longer
	 * known, and stays suppressed by its hash.
	 */
	public record Target(String address, String senderName, boolean campaign, boolean erased) {
	}

	/** What an unsubscribe did: from what, for whom. */
	public record Done(Target target, Scope scope) {
	}

	private final LinkTokens links;

	private final Outbox outbox;

	private final Suppressions suppressions;

	private final Contacts contacts;

	private final WorkspaceDirectory directory;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	Unsubscribes(LinkTokens links, Outbox outbox, Suppressions suppressions, Contacts contacts,
			WorkspaceDirectory directory, ApplicationEventPublisher publisher, Clock clock) {
		this.links = links;
		this.outbox = outbox;
		this.suppressions = suppressions;
		this.contacts = contacts;
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
		// From everything: suppressed at once (the scheduler checks the list at the last
		// moment). Campaigns stop the enrolment from the event.
		boolean changed = true;
		if (effective == Scope.ALL) {
			// An address already suppressed (it bounced) still records the person's
			// unsubscribe: the event counts when the contact was not unsubscribed yet.
			boolean newlyUnsubscribed = recipient.contactId() != null
					&& !unsubscribedAlready(recipient.workspaceId(), recipient.contactId());
			changed = suppressions.suppress(recipient.workspaceId(), recipient.address(), "unsubscribed")
					| newlyUnsubscribed;
			if (recipient.contactId() != null) {
				contacts.markStatus(recipient.workspaceId(), recipient.contactId(), ContactStatus.UNSUBSCRIBED);
			}
		}
		// One event per outcome: a provider retrying RFC 8058's POST changes nothing
		// more.
		if (changed) {
			publisher.publishEvent(new Unsubscribed(recipient.workspaceId(), recipient.campaignId(),
					recipient.enrolmentId(), recipient.step(), recipient.variant(), recipient.outboxId(),
					recipient.address(), effective, clock.instant()));
		}
		return new Done(target, effective);
	}

	private boolean unsubscribedAlready(UUID workspaceId, UUID contactId) {
		try {
			return contacts.get(Tenant.system(workspaceId), contactId).status() == ContactStatus.UNSUBSCRIBED;
		}
		catch (NotFoundProblem ex) {
			return true;
		}
	}

	private Target target(Recipient recipient) {
		String workspace = directory.publicSenderName(recipient.workspaceId());
		if (recipient.erased()) {
			return new Target(null, workspace, false, true);
		}
		return new Target(recipient.address(), workspace,
				recipient.campaignId() != null && recipient.enrolmentId() != null, false);
	}

	private Recipient recipient(String token, UUID hostWorkspace) {
		// A link names the enrolment's step; a header link of the earlier format names
		// the outbox row.
		Optional<Recipient> found = links.parse(token)
			.filter(LinkTokens.Link::unsubscribe)
			.flatMap(link -> outbox.recipient(link.enrolmentId(), link.step()))
			.or(() -> links.legacyUnsubscribe(token).flatMap(outbox::recipient));
		return found.filter(r -> hostWorkspace == null || hostWorkspace.equals(r.workspaceId()))
			.orElseThrow(() -> new NotFoundProblem("Unsubscribe link"));
	}

}
