package com.penguinmails.tracking;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.delivery.UnsubscribeLinks;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;

/**
 * Unsubscribes through the signed link of a message (no login: the link is the
 * credential). Effective at once: the address goes on the workspace's suppression list
 * (so the next send, checked at the last moment, does not happen), the contact becomes
 * unsubscribed and the enrolment stops.
 */
@Service
public class Unsubscribes {

	/** What a link names: the address, and the sender's workspace, for the page. */
	public record Target(String address, String workspaceName) {
	}

	private final UnsubscribeLinks links;

	private final TrackingLinks tracking;

	private final Outbox outbox;

	private final Suppressions suppressions;

	private final Contacts contacts;

	private final Campaigns campaigns;

	private final WorkspaceDirectory directory;

	Unsubscribes(UnsubscribeLinks links, TrackingLinks tracking, Outbox outbox, Suppressions suppressions,
			Contacts contacts, Campaigns campaigns, WorkspaceDirectory directory) {
		this.links = links;
		this.tracking = tracking;
		this.outbox = outbox;
		this.suppressions = suppressions;
		this.contacts = contacts;
		this.campaigns = campaigns;
		this.directory = directory;
	}

	/** The target of a link; 404 for a tampered or unknown one. */
	public Target target(String token) {
		Recipient recipient = recipient(token);
		return new Target(recipient.address(), directory.workspaceName(recipient.workspaceId()));
	}

	/** Unsubscribes the link's address (again is harmless). */
	@Transactional
	public Target unsubscribe(String token) {
		Recipient recipient = recipient(token);
		suppressions.suppress(recipient.workspaceId(), recipient.address(), "unsubscribed");
		if (recipient.contactId() != null) {
			try {
				contacts.update(Tenant.system(recipient.workspaceId()), recipient.contactId(),
						Map.of("status", "unsubscribed"));
			}
			catch (NotFoundProblem ex) {
				// The contact was deleted since; the suppression is what counts.
			}
		}
		if (recipient.enrolmentId() != null) {
			campaigns.stopOn(recipient.workspaceId(), recipient.enrolmentId(), "unsubscribed");
		}
		return new Target(recipient.address(), directory.workspaceName(recipient.workspaceId()));
	}

	private Recipient recipient(String token) {
		// The header's link names the outbox row; the body's {{ unsubscribe_url }} the
		// enrolment's step.
		Optional<UUID> outboxId = links.outboxId(token)
			.or(() -> tracking.parse(token)
				.filter(link -> link.url().equals(TrackingLinks.UNSUBSCRIBE))
				.flatMap(link -> outbox.find(link.enrolmentId(), link.step()))
				.map(Outbox.Queued::outboxId));
		return outboxId.flatMap(outbox::recipient)
			.filter(r -> !r.address().equals("erased@invalid"))
			.orElseThrow(() -> new NotFoundProblem("Unsubscribe link"));
	}

}
