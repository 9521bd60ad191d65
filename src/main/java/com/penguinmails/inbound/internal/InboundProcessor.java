package com.penguinmails.inbound.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Sent;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.inbound.BounceReceived;
import com.penguinmails.inbound.ComplaintRateExceeded;
import com.penguinmails.inbound.ComplaintReceived;
import com.penguinmails.inbound.ReplyReceived;
import com.penguinmails.inbound.SendingBlocked;
import com.penguinmails.inbound.UnsubscribeReceived;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.shared.Tenant;

/**
 * What one inbound message means, and what follows: it is classified (reply, auto-reply,
 * bounce, complaint, unsubscribe), matched to the message of ours it concerns, stored for
 * the inbox, and — only the first time it is stored — acted on: a reply stops the
 * sequence, a hard bounce and a complaint suppress the address, a mailto unsubscribe
 * unsubscribes. Runs inside the sync's transaction: a crash leaves the message to the
 * next sync, and the unique keys keep it from being acted on twice.
 */
@Component
public class InboundProcessor {

	/** "Re:", "AW:", "Fwd:" and kin, as many as lead the subject. */
	private static final Pattern SUBJECT_PREFIX = Pattern
		.compile("^(\\s*(re|aw|sv|antw|vs|fw|fwd|wg|tr|rv|odp)\\s*(\\[\\d+])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

	private final InboundStore store;

	private final Outbox outbox;

	private final Campaigns campaigns;

	private final Suppressions suppressions;

	private final Contacts contacts;

	private final Mailboxes mailboxes;

	private final ApplicationEventPublisher events;

	private final InboundProperties properties;

	private final Clock clock;

	InboundProcessor(InboundStore store, Outbox outbox, Campaigns campaigns, Suppressions suppressions,
			Contacts contacts, Mailboxes mailboxes, ApplicationEventPublisher events, InboundProperties properties,
			Clock clock) {
		this.store = store;
		this.outbox = outbox;
		this.campaigns = campaigns;
		this.suppressions = suppressions;
		this.contacts = contacts;
		this.mailboxes = mailboxes;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/** Where a message was read: its folder, UIDVALIDITY, UID and arrival time. */
	public record Source(UUID workspaceId, UUID mailboxId, String folder, long uidValidity, long uid,
			Instant receivedAt, long size) {
	}

	/**
	 * Classifies, matches, stores and acts on one message. Returns the stored kind, or
	 * empty when the message was stored before.
	 */
	public Optional<String> process(Source source, MessageReader.Read read) {
		Classification classification = InboundClassifier.classify(read.message());
		List<String> problems = new ArrayList<>(read.problems());
		problems.addAll(classification.problems());
		java.util.Set<String> flags = new java.util.TreeSet<>(read.flags());
		if (!classification.problems().isEmpty() && !flags.contains("bad_encoding")) {
			flags.add("malformed");
		}
		UUID workspaceId = source.workspaceId();
		Optional<Sent> sent = match(source, read, classification);
		BouncedRecipient bounce = classification.kind() == Classification.Kind.BOUNCE ? bounced(classification, sent)
				: null;
		String kind = switch (classification.kind()) {
			case BOUNCE -> bounce == null ? "other" : "bounce";
			// An opt-out report (RFC 5965 opt-out, Apple Mail's unsubscribe) is a request
			// to stop, not a spam complaint against the mailbox's rate.
			case COMPLAINT ->
				classification.complaint() != null && "opt-out".equals(classification.complaint().feedbackType())
						? "unsubscribe" : "complaint";
			// An auto-reply need not quote our Message-ID (RFC 3834 §3.1.3 only asks it
			// to); but unrelated automated mail (a newsletter's "Precedence: bulk") that
			// answers nothing of ours is not one.
			case AUTO_REPLY ->
				sent.isPresent() || !classification.autoReplyReason().startsWith("Precedence") ? "auto_reply" : "other";
			case UNSUBSCRIBE -> "unsubscribe";
			case MESSAGE -> sent.isPresent() ? "reply" : "other";
		};
		UUID id = UUID.randomUUID();
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		// The conversation: the enrolment's (or the one message's) when it answers ours,
		// else the one of the inbox reply it answers, else its own.
		InboundStore.Conversation conversation = recipient != null
				? new InboundStore.Conversation(
						recipient.enrolmentId() != null ? recipient.enrolmentId() : recipient.outboxId(),
						recipient.campaignId(), recipient.enrolmentId(), recipient.contactId())
				: store.threadOf(workspaceId, read.answers()).orElse(null);
		if (conversation != null && recipient == null && kind.equals("other")) {
			kind = "reply";
		}
		if (conversation == null) {
			conversation = new InboundStore.Conversation(id, null, null, null);
		}
		UUID campaignId = conversation.campaignId();
		UUID enrolmentId = conversation.enrolmentId();
		UUID contactId = conversation.contactId();
		InboundStore.NewMessage message = received(id, source, read, kind, bounce, flags, problems, sent, conversation);
		Instant now = clock.instant();
		if (!store.insert(message, now)) {
			return Optional.empty();
		}
		switch (kind) {
			case "reply", "auto_reply" ->
				replied(source, read, sent, kind.equals("auto_reply"), id, contactId, campaignId, enrolmentId);
			case "bounce" -> bounced(source, sent, bounce, id);
			case "complaint" -> complained(source, sent, classification, id, now);
			case "unsubscribe" -> unsubscribed(source, read.fromAddress(), sent, id);
			default -> {
			}
		}
		return Optional.of(kind);
	}

	/**
	 * Stores a message whose handling failed as it is, flagged {@code unhandled} with the
	 * reason, unmatched and without effects, so it is neither lost nor retried forever.
	 * False when it was stored before.
	 */
	public boolean keepUnhandled(Source source, MessageReader.Read read, RuntimeException failure) {
		UUID id = UUID.randomUUID();
		java.util.Set<String> flags = new java.util.TreeSet<>(read.flags());
		flags.add("unhandled");
		List<String> problems = new ArrayList<>(read.problems());
		problems.add("could not be handled: " + failure);
		return store.insert(received(id, source, read, "other", null, flags, problems, Optional.empty(),
				new InboundStore.Conversation(id, null, null, null)), clock.instant());
	}

	/**
	 * The row of a message read from a mailbox; replies, auto-replies and other mail
	 * arrive unread in the inbox.
	 */
	private static InboundStore.NewMessage received(UUID id, Source source, MessageReader.Read read, String kind,
			BouncedRecipient bounce, java.util.Set<String> flags, List<String> problems, Optional<Sent> sent,
			InboundStore.Conversation conversation) {
		boolean unread = kind.equals("reply") || kind.equals("auto_reply") || kind.equals("other");
		return new InboundStore.NewMessage(id, source.workspaceId(), source.mailboxId(), "in", source.folder(),
				source.uidValidity(), source.uid(), read.messageId(), read.inReplyTo(),
				String.join(" ", read.references()), read.fromAddress(), read.fromName(), clip(read.to(), 10_000),
				read.subject(), read.sentAt(), source.receivedAt(), source.size(), kind,
				bounce == null ? null : bounce.type(), bounce == null ? null : clip(bounce.status(), 16),
				bounce == null ? null : clip(bounce.address(), 320),
				bounce == null ? null : clip(bounce.diagnostic(), 1000), bounce == null ? null : bounce.reason().key(),
				bounce == null ? null : clip(bounce.replyCode(), 3),
				bounce == null ? null : clip(bounce.remoteMta(), 255), String.join(",", flags),
				clip(String.join("; ", problems), 2000), read.text(), read.html(), read.raw(),
				sent.map(s -> s.recipient().outboxId()).orElse(null), sent.map(Sent::mailboxId).orElse(null),
				conversation.campaignId(), conversation.enrolmentId(), conversation.contactId(), conversation.id(),
				unread);
	}

	/**
	 * The message of ours this one is about. A report (bounce, complaint) names it in the
	 * original it returns: our {@code X-PenguinMails-ID}, else its Message-ID; a bounce
	 * without either falls back to what this mailbox last sent the bounced address. A
	 * reply names it in {@code In-Reply-To}/{@code References} (RFC 5322 §3.6.4), else by
	 * its sender and subject among what this mailbox sent that sender.
	 */
	private Optional<Sent> match(Source source, MessageReader.Read read, Classification classification) {
		UUID workspaceId = source.workspaceId();
		Classification.Kind kind = classification.kind();
		if (kind == Classification.Kind.BOUNCE || kind == Classification.Kind.COMPLAINT) {
			Original original = classification.original();
			Optional<Sent> found = Optional.empty();
			if (original != null && original.penguinId() != null) {
				found = uuid(original.penguinId()).flatMap(id -> outbox.sent(workspaceId, id));
			}
			if (found.isEmpty() && original != null && original.messageId() != null) {
				found = outbox.sentWithMessageIds(workspaceId, List.of(original.messageId())).stream().findFirst();
			}
			if (found.isEmpty()) {
				String address = kind == Classification.Kind.COMPLAINT
						? (classification.complaint() == null ? null : classification.complaint().originalRecipient())
						: classification.bounces().stream().map(BouncedRecipient::address).findFirst().orElse(null);
				if (address == null && original != null) {
					address = original.to();
				}
				if (address != null && address.contains("@")) {
					found = outbox.sentTo(workspaceId, source.mailboxId(), address.strip(), 1).stream().findFirst();
				}
			}
			return found;
		}
		List<String> answers = read.answers();
		if (!answers.isEmpty()) {
			List<Sent> ours = outbox.sentWithMessageIds(workspaceId, answers);
			for (String id : answers) {
				Optional<Sent> found = ours.stream().filter(s -> s.messageId().equals(id)).findFirst();
				if (found.isPresent()) {
					return found;
				}
			}
		}
		if (read.fromAddress().isBlank()) {
			return Optional.empty();
		}
		List<Sent> toSender = outbox.sentTo(workspaceId, source.mailboxId(), read.fromAddress(), 20);
		if (kind == Classification.Kind.UNSUBSCRIBE || kind == Classification.Kind.AUTO_REPLY) {
			// A mailto unsubscribe or an out-of-office answers what we last sent them,
			// whatever its subject says ("unsubscribe", "Automatic reply: ...").
			return toSender.stream().findFirst();
		}
		String subject = bare(read.subject());
		return toSender.stream().filter(s -> !subject.isEmpty() && bare(s.subject()).equals(subject)).findFirst();
	}

	/** The recipient a bounce is about: the one our message went to, else the first. */
	private static BouncedRecipient bounced(Classification classification, Optional<Sent> sent) {
		List<BouncedRecipient> bounces = classification.bounces();
		if (bounces.isEmpty()) {
			return sent.map(s -> new BouncedRecipient(s.recipient().address(), "failed", null, null, null, null, null))
				.orElse(null);
		}
		return sent
			.flatMap(s -> bounces.stream()
				.filter(b -> b.address() != null && b.address().equalsIgnoreCase(s.recipient().address()))
				.findFirst())
			.orElse(bounces.get(0));
	}

	private void replied(Source source, MessageReader.Read read, Optional<Sent> sent, boolean automatic, UUID id,
			UUID contactId, UUID campaignId, UUID enrolmentId) {
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		if (!automatic && recipient != null && recipient.campaignId() != null) {
			campaigns.recordEngagement(source.workspaceId(), recipient.campaignId(), recipient.step(),
					recipient.variant(), recipient.outboxId(), "replied");
		}
		if (enrolmentId != null) {
			// An auto-reply ("out of office", RFC 3834) stops the sequence only when the
			// campaign asks for it.
			campaigns.stopOn(source.workspaceId(), enrolmentId, automatic ? "auto_replied" : "replied");
		}
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
	private void bounced(Source source, Optional<Sent> sent, BouncedRecipient bounce, UUID id) {
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
		if (recipient != null && recipient.enrolmentId() != null && action == BounceReason.Action.SUPPRESS) {
			campaigns.stopOn(workspaceId, recipient.enrolmentId(), "bounced");
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
		long blocks = store.blocks(workspaceId, mailboxId, clock.instant().minus(java.time.Duration.ofDays(1)));
		// Only a refusal of the sender itself (its IP, domain, reputation,
		// authentication) pauses it; a recipient's filter or a too big message does not.
		boolean pause = bounce.reason().aboutSender() && blocks >= properties.blocksToPause()
				&& mailbox.get().status().equals("active");
		if (pause) {
			mailboxes.pause(Tenant.system(workspaceId), mailboxId, true);
		}
		events.publishEvent(new SendingBlocked(workspaceId, mailboxId, mailbox.get().email(), bounce.reason(),
				bounce.diagnostic(), bounce.remoteMta(), blocks, pause));
	}

	private void complained(Source source, Optional<Sent> sent, Classification classification, UUID id, Instant now) {
		UUID workspaceId = source.workspaceId();
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		Complaint complaint = classification.complaint();
		String address = recipient != null ? recipient.address()
				: complaint != null && complaint.originalRecipient() != null ? complaint.originalRecipient().strip()
						: null;
		if (address != null && address.contains("@")) {
			suppress(workspaceId, address, recipient == null ? null : recipient.contactId(), "complained", "complaint");
		}
		if (recipient != null && recipient.enrolmentId() != null) {
			campaigns.stopOn(workspaceId, recipient.enrolmentId(), "complained");
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
	 * under 0.1% and never reach 0.3%).
	 */
	private void checkComplaintRate(UUID workspaceId, UUID mailboxId, Instant now) {
		Instant since = now.minus(properties.complaintWindow());
		long complaints = store.complaints(workspaceId, mailboxId, since);
		long sent = Math.max(1, outbox.sentBy(workspaceId, mailboxId, since));
		double rate = (double) complaints / sent;
		if (rate < properties.complaintAlertRate()) {
			return;
		}
		Optional<Mailbox> mailbox = mailboxes.find(workspaceId, mailboxId);
		if (mailbox.isEmpty()) {
			return;
		}
		boolean pause = rate >= properties.complaintPauseRate() && mailbox.get().status().equals("active");
		if (pause) {
			mailboxes.pause(Tenant.system(workspaceId), mailboxId, true);
		}
		events.publishEvent(new ComplaintRateExceeded(workspaceId, mailboxId, mailbox.get().email(), complaints, sent,
				rate, pause));
	}

	/** RFC 2369's mailto unsubscribe: the sender asked to hear no more. */
	private void unsubscribed(Source source, String from, Optional<Sent> sent, UUID id) {
		if (from == null || !from.contains("@")) {
			return;
		}
		UUID workspaceId = source.workspaceId();
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		suppress(workspaceId, from, recipient == null ? null : recipient.contactId(), "unsubscribed", "unsubscribed");
		if (recipient != null && recipient.enrolmentId() != null) {
			campaigns.stopOn(workspaceId, recipient.enrolmentId(), "unsubscribed");
		}
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

	static String bare(String subject) {
		return subject == null ? "" : SUBJECT_PREFIX.matcher(subject).replaceFirst("").strip().toLowerCase(Locale.ROOT);
	}

	private static Optional<UUID> uuid(String value) {
		try {
			return Optional.of(UUID.fromString(value.strip()));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
