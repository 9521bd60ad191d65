package com.penguinmails.delivery;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import jakarta.mail.MessagingException;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.MessageBuilder;
import com.penguinmails.delivery.internal.OutboxStore;
import com.penguinmails.delivery.internal.SignedMessages;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Test sends (a template's "send test"): one message built and DKIM-signed exactly as a
 * campaign's (Message-ID on the sending domain, RFC 8058 List-Unsubscribe, the mailbox's
 * signature), sent at once through the chosen mailbox. It is not queued and leaves no
 * trace in the outbox; its unsubscribe link (step 0 of an enrolment named by the draft's
 * id) names a message that does not exist.
 */
@Service
public class TestSends {

	private final Mailboxes mailboxes;

	private final SignedMessages messages;

	private final TrackingLinks links;

	private final Clock clock;

	TestSends(Mailboxes mailboxes, SignedMessages messages, TrackingLinks links, Clock clock) {
		this.mailboxes = mailboxes;
		this.messages = messages;
		this.links = links;
		this.clock = clock;
	}

	/**
	 * A test message's identity: its id (for the unsubscribe link) and sending mailbox.
	 */
	public record Draft(UUID id, Mailbox mailbox) {
	}

	/**
	 * Starts a test message from one of the workspace's mailboxes (404 when not one); the
	 * caller needs what sending through a mailbox needs ({@code mailboxes:write}).
	 */
	public Draft draft(Tenant tenant, UUID mailboxId) {
		tenant.require(WorkspaceRole.MEMBER, "mailboxes:write");
		Mailbox mailbox = mailboxes.find(tenant.workspaceId(), mailboxId)
			.orElseThrow(() -> new NotFoundProblem("Mailbox"));
		return new Draft(UUID.randomUUID(), mailbox);
	}

	/** The link the message's body and List-Unsubscribe header give. */
	public URI unsubscribeUrl(Tenant tenant, Draft draft) {
		return URI.create(links.unsubscribeUrl(tenant.workspaceId(), MessageBuilder.domainOf(draft.mailbox().email()),
				draft.id(), 0));
	}

	/**
	 * Builds, signs and sends the message to {@code to}.
	 * @throws InvalidInputProblem 400 for a bad address, 502 when the server refused
	 * @return whether it went out DKIM-signed
	 */
	public boolean send(Tenant tenant, Draft draft, String to, String subject, String html, String text) {
		Mailbox mailbox = draft.mailbox();
		boolean[] signed = new boolean[1];
		mailboxes.sendTest(tenant, mailbox.id(), to, address -> {
			// The row a campaign's message would have, without a campaign.
			OutboxStore.Claimed row = new OutboxStore.Claimed(draft.id(), tenant.workspaceId(), null, null, 0,
					mailbox.id(), address, null, subject, html, text, Outbox.messageId(draft.id(), mailbox.email()),
					null, null, 0, clock.instant());
			try {
				SignedMessages.Prepared prepared = messages.prepare(row, mailbox, unsubscribeUrl(tenant, draft),
						clock.instant());
				signed[0] = prepared.dkimDomain() != null;
				return prepared.message();
			}
			catch (MessagingException ex) {
				throw new InvalidInputProblem("invalid-message", "The message could not be built.");
			}
		});
		return signed[0];
	}

}
