package com.penguinmails.inbound.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Sent;
import com.penguinmails.inbound.MessageKind;

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

	private final InboundStore store;

	private final SentMatcher matcher;

	private final InboundActions actions;

	private final DmarcPlaceStore dmarcPlaces;

	private final Clock clock;

	private final ProviderWebhookStore providerBounces;

	InboundProcessor(InboundStore store, SentMatcher matcher, InboundActions actions, DmarcPlaceStore dmarcPlaces,
			Clock clock, ProviderWebhookStore providerBounces) {
		this.providerBounces = providerBounces;
		this.store = store;
		this.dmarcPlaces = dmarcPlaces;
		this.matcher = matcher;
		this.actions = actions;
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
	public Optional<MessageKind> process(Source source, MessageReader.Read read) {
		Classification classification = InboundClassifier.classify(read.message());
		List<String> problems = new ArrayList<>(read.problems());
		problems.addAll(classification.problems());
		java.util.Set<String> flags = new java.util.TreeSet<>(read.flags());
		if (!classification.problems().isEmpty() && !flags.contains("bad_encoding")) {
			flags.add("malformed");
		}
		if (classification.kind() != Classification.Kind.BOUNCE
				&& classification.kind() != Classification.Kind.COMPLAINT && isDmarcReport(source, read)) {
			return dmarcReport(source, read, flags, problems);
		}
		UUID workspaceId = source.workspaceId();
		// Inbox replies leave through the outbox too, but are no campaign's: what answers
		// one joins the conversation it was written in (by its stored copy, below).
		Optional<Sent> sent = matcher.match(source, read, classification)
			.filter(found -> found.recipient().campaignId() != null);
		BouncedRecipient bounce = classification.kind() == Classification.Kind.BOUNCE ? bounced(classification, sent)
				: null;
		MessageKind kind = kind(classification, sent, bounce);
		if (kind == MessageKind.BOUNCE && reportedByProvider(source, sent, flags, problems)) {
			kind = MessageKind.OTHER;
			bounce = null;
		}
		UUID id = UUID.randomUUID();
		Outbox.Recipient recipient = sent.map(Sent::recipient).orElse(null);
		// The conversation: the enrolment's (or the one message's) when it answers ours,
		// else the one of the inbox reply it answers, else its own.
		InboundStore.Conversation conversation = recipient != null
				? new InboundStore.Conversation(
						recipient.enrolmentId() != null ? recipient.enrolmentId() : recipient.outboxId(),
						recipient.campaignId(), recipient.enrolmentId(), recipient.contactId())
				: store.threadOf(workspaceId, read.answers()).orElse(null);
		if (conversation != null && recipient == null && kind == MessageKind.OTHER) {
			kind = MessageKind.REPLY;
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
			case REPLY, AUTO_REPLY -> actions.replied(source, read, sent, kind == MessageKind.AUTO_REPLY, id, contactId,
					campaignId, enrolmentId);
			case BOUNCE -> actions.bounced(source, sent, bounce, id);
			case COMPLAINT -> actions.complained(source, sent, classification, id, now);
			case UNSUBSCRIBE -> actions.unsubscribed(source, read.fromAddress(), sent, id);
			default -> {
			}
		}
		return Optional.of(kind);
	}

	/**
	 * One bounce per message: whether a sending provider's webhook reported this
	 * message's bounce first (then this one is kept, flagged, and sets off nothing).
	 */
	private boolean reportedByProvider(Source source, Optional<Sent> sent, java.util.Set<String> flags,
			List<String> problems) {
		Optional<String> provider = sent
			.flatMap(s -> providerBounces.providerBounce(source.workspaceId(), s.recipient().outboxId()));
		provider.ifPresent(name -> {
			flags.add("duplicate_bounce");
			problems.add("its bounce was already reported by " + name);
		});
		return provider.isPresent();
	}

	private boolean isDmarcReport(Source source, MessageReader.Read read) {
		boolean inPlace = dmarcPlaces.folder(source.mailboxId())
			.filter(folder -> folder.equalsIgnoreCase(source.folder()))
			.isPresent();
		return DmarcReportRecognition.isReport(read.message(), inPlace);
	}

	/**
	 * A DMARC aggregate report: stored read, matched to nothing of ours (never a reply or
	 * a bounce), and announced for reputation to read.
	 */
	private Optional<MessageKind> dmarcReport(Source source, MessageReader.Read read, java.util.Set<String> flags,
			List<String> problems) {
		UUID id = UUID.randomUUID();
		InboundStore.NewMessage message = received(id, source, read, MessageKind.DMARC_REPORT, null, flags, problems,
				Optional.empty(), new InboundStore.Conversation(id, null, null, null));
		if (!store.insert(message, clock.instant())) {
			return Optional.empty();
		}
		actions.dmarcReport(source, id);
		return Optional.of(MessageKind.DMARC_REPORT);
	}

	/** The kind stored: what the classifier found, and whether it answers ours. */
	private static MessageKind kind(Classification classification, Optional<Sent> sent, BouncedRecipient bounce) {
		return switch (classification.kind()) {
			case BOUNCE -> bounce == null ? MessageKind.OTHER : MessageKind.BOUNCE;
			// An opt-out report (RFC 5965 opt-out, Apple Mail's unsubscribe) is a request
			// to stop, not a spam complaint against the mailbox's rate.
			case COMPLAINT ->
				classification.complaint() != null && "opt-out".equals(classification.complaint().feedbackType())
						? MessageKind.UNSUBSCRIBE : MessageKind.COMPLAINT;
			// An auto-reply need not quote our Message-ID (RFC 3834 §3.1.3 only asks it
			// to); but unrelated automated mail (a newsletter's "Precedence: bulk") that
			// answers nothing of ours is not one.
			case AUTO_REPLY -> sent.isPresent() || !classification.autoReplyReason().startsWith("Precedence")
					? MessageKind.AUTO_REPLY : MessageKind.OTHER;
			case UNSUBSCRIBE -> MessageKind.UNSUBSCRIBE;
			case MESSAGE -> sent.isPresent() ? MessageKind.REPLY : MessageKind.OTHER;
		};
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
		return store.insert(received(id, source, read, MessageKind.OTHER, null, flags, problems, Optional.empty(),
				new InboundStore.Conversation(id, null, null, null)), clock.instant());
	}

	/**
	 * The row of a message read from a mailbox; replies, auto-replies and other mail
	 * arrive unread in the inbox.
	 */
	private static InboundStore.NewMessage received(UUID id, Source source, MessageReader.Read read, MessageKind kind,
			BouncedRecipient bounce, java.util.Set<String> flags, List<String> problems, Optional<Sent> sent,
			InboundStore.Conversation conversation) {
		boolean unread = kind.unread() && !flags.contains("duplicate_bounce");
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

	private static String clip(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

}
