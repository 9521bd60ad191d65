package com.penguinmails.inbound.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Sent;
import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintRateExceeded;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.SendingBlocked;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.inbound.internal.InboundProcessor.Source;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxStatus;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.BounceReason;

/**
 * What a newly stored inbound message sets off: a bounce or a complaint suppresses the
 * address (a soft bounce counts towards it), a refusal about us and too many complaints
 * slow or pause the sending mailbox, a mailto unsubscribe unsubscribes; and each
 * publishes its event ({@link ReplyReceived}, {@link BounceReceived}, ...), from which
 * campaigns stop sequences and analytics count.
 */
@Component
class InboundActions {

	private final InboundStore store;

	private final Outbox outbox;

	private final Suppressions suppressions;

	private final Contacts contacts;

	private final Mailboxes mailboxes;

	private final ApplicationEventPublisher events;

	private final InboundProperties properties;

	private final Clock clock;

	InboundActions(InboundStore store, Outbox outbox, Suppressions suppressions, Contacts contacts, Mailboxes mailboxes,
			ApplicationEventPublisher events, InboundProperties properties, Clock clock) {
		this.store = store;
		this.outbox = outbox;
		this.suppressions = suppressions;
		this.contacts = contacts;
		this.mailboxes = mailboxes;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	void replied(Source source, MessageReader.Read read, Optional<Sent> sent, boolean automatic, UUID id,
			UUID contactId, UUID campaignId, UUID enrolmentId) {
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		// Campaigns stop the sequence and count the reply from this event.
		events.publishEvent(new ReplyReceived(source.workspaceId(), source.mailboxId(), campaignId, enrolmentId,
				recipient == null ? 0 : recipient.step(), recipient == null ? 0 : recipient.variant(),
				recipient == null ? null : recipient.outboxId(), contactId, read.fromAddress(), automatic, id,
				source.receivedAt()));
	}

	/**
	 * What a bounce calls for, by its reason's action: suppress the address and stop its
	 * sequence; count a soft bounce (the third suppresses); or, for a refusal about us,
	 * leave the recipient alone and slow the sending mailbox down (a warning, then a
	 * pause). A stray bounce, matching nothing we sent, suppresses only an address that
	 * is a contact of the workspace: a forged or misdirected report names strangers.
	 */
	void bounced(Source source, Optional<Sent> sent, BouncedRecipient bounce, UUID id) {
		UUID workspaceId = source.workspaceId();
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		String address = bounce.address();
		BounceReason.Action action = bounce.bounceAction();
		UUID contactId = (recipient != null) ? recipient.contactId() : null;
		boolean ours = recipient != null;
		if (!ours && address != null && address.contains("@")) {
			contactId = contacts.idByEmail(workspaceId, address.strip()).orElse(null);
			ours = contactId != null;
		}
		if (ours && address != null && address.contains("@")) {
			if (action == BounceReason.Action.SUPPRESS) {
				suppress(workspaceId, address, contactId, "bounced", "hard_bounce");
			}
			else if (bounce.type().equals("soft") && bounce.reason() != BounceReason.RATE_LIMITED
					&& store.softBounces(workspaceId, address) >= properties.softBouncesToSuppress()) {
				suppress(workspaceId, address, contactId, "bounced", "soft_bounces");
			}
		}
		// Only a refusal of what we sent slows the mailbox: a stray one may be
		// backscatter
		// of mail forged in our name.
		if (action == BounceReason.Action.BLOCK && sent.isPresent()) {
			blocked(workspaceId, sent.get().mailboxId(), bounce);
		}
		events.publishEvent(new BounceReceived(workspaceId, source.mailboxId(),
				recipient == null ? null : recipient.campaignId(), recipient == null ? null : recipient.enrolmentId(),
				recipient == null ? 0 : recipient.step(), recipient == null ? 0 : recipient.variant(),
				recipient == null ? null : recipient.outboxId(), address, bounce.type(), bounce.reason(),
				bounce.status(), bounce.replyCode(), bounce.remoteMta(), bounce.diagnostic(), id, source.receivedAt()));
	}

	/**
	 * A refusal about us: the sending mailbox is paused once refusals reach the day's
	 * limit (Gmail, Microsoft and Yahoo throttle harder the more a refused sender
	 * insists), and an alert says why either way.
	 */
	private void blocked(UUID workspaceId, UUID mailboxId, BouncedRecipient bounce) {
		Optional<Mailbox> mailbox = mailboxes.find(workspaceId, mailboxId);
		if (mailbox.isEmpty()) {
			return;
		}
		long blocks = store.blocks(workspaceId, mailboxId, clock.instant().minus(Duration.ofDays(1)));
		// Only a refusal of the sender itself (its IP, domain, reputation,
		// authentication) pauses it; a recipient's filter or a too big message does not.
		boolean pause = bounce.reason().aboutSender() && blocks >= properties.blocksToPause()
				&& mailbox.get().status() == MailboxStatus.ACTIVE;
		if (pause) {
			mailboxes.pauseAutomatically(workspaceId, mailboxId,
					"Receivers refused its mail " + blocks + " times in 24 hours (" + bounce.reason().label() + ")");
		}
		events.publishEvent(new SendingBlocked(workspaceId, mailboxId, mailbox.get().email(), bounce.reason(),
				bounce.diagnostic(), bounce.remoteMta(), blocks, pause));
	}

	void complained(Source source, Optional<Sent> sent, Classification classification, UUID id, Instant now) {
		UUID workspaceId = source.workspaceId();
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		Complaint complaint = classification.complaint();
		String address = recipient != null ? recipient.address()
				: complaint != null && complaint.originalRecipient() != null ? complaint.originalRecipient().strip()
						: null;
		if (address != null && address.contains("@")) {
			suppress(workspaceId, address, recipient == null ? null : recipient.contactId(), "complained", "complaint");
		}
		events.publishEvent(new ComplaintReceived(workspaceId, source.mailboxId(),
				recipient == null ? null : recipient.campaignId(), recipient == null ? null : recipient.enrolmentId(),
				recipient == null ? 0 : recipient.step(), recipient == null ? 0 : recipient.variant(),
				recipient == null ? null : recipient.outboxId(), address,
				complaint == null ? "abuse" : complaint.feedbackType(), id, source.receivedAt()));
		sent.ifPresent(s -> checkComplaintRate(workspaceId, s.mailboxId(), now));
	}

	/**
	 * The sending mailbox's complaint rate over the window: at 0.1% an alert, at 0.3% the
	 * mailbox is paused (Gmail's and Yahoo's bulk sender requirements of 2024 ask to stay
	 * under 0.1% and never reach 0.3%). Below {@code complaintMinSent} messages sent in
	 * the window a rate means little (one complaint among 44 is 2%): a warning, never a
	 * pause.
	 */
	private void checkComplaintRate(UUID workspaceId, UUID mailboxId, Instant now) {
		Instant since = now.minus(properties.complaintWindow());
		long complaints = store.complaints(workspaceId, mailboxId, since);
		long sent = Math.max(1, outbox.sentBy(workspaceId, mailboxId, since));
		double rate = (double) complaints / sent;
		boolean enough = sent >= properties.complaintMinSent();
		if (enough && rate < properties.complaintAlertRate()) {
			return;
		}
		Optional<Mailbox> mailbox = mailboxes.find(workspaceId, mailboxId);
		if (mailbox.isEmpty()) {
			return;
		}
		boolean pause = enough && rate >= properties.complaintPauseRate()
				&& mailbox.get().status() == MailboxStatus.ACTIVE;
		if (pause) {
			mailboxes.pauseAutomatically(workspaceId, mailboxId,
					String.format(Locale.ROOT, "Spam complaints: %d for %d sent in %d days (%.2f%%, over 0.3%%)",
							complaints, sent, properties.complaintWindow().toDays(), rate * 100));
		}
		events.publishEvent(new ComplaintRateExceeded(workspaceId, mailboxId, mailbox.get().email(), complaints, sent,
				rate, pause, enough ? 0 : properties.complaintMinSent()));
	}

	/** RFC 2369's mailto unsubscribe: the sender asked to hear no more. */
	/** A DMARC aggregate report was stored: reputation reads it. */
	void dmarcReport(Source source, UUID id) {
		events.publishEvent(new com.penguinmails.inbound.DmarcReportReceived(source.workspaceId(), source.mailboxId(),
				id, source.receivedAt()));
	}

	void unsubscribed(Source source, String from, Optional<Sent> sent, UUID id) {
		if (from == null || !from.contains("@")) {
			return;
		}
		UUID workspaceId = source.workspaceId();
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		suppress(workspaceId, from, recipient == null ? null : recipient.contactId(), "unsubscribed", "unsubscribed");
		events.publishEvent(new UnsubscribeReceived(workspaceId, source.mailboxId(),
				recipient == null ? null : recipient.campaignId(), recipient == null ? null : recipient.enrolmentId(),
				recipient == null ? 0 : recipient.step(), recipient == null ? 0 : recipient.variant(),
				recipient == null ? null : recipient.outboxId(), from, id, source.receivedAt()));
	}

	private void suppress(UUID workspaceId, String address, UUID contactId, String status, String reason) {
		suppressions.suppress(workspaceId, address.toLowerCase(Locale.ROOT), reason);
		if (contactId != null) {
			contacts.markStatus(workspaceId, contactId, ContactStatus.of(status));
		}
	}

}
