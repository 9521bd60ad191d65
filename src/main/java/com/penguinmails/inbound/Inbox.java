package com.penguinmails.inbound;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.inbound.internal.InboxReplies;
import com.penguinmails.inbound.internal.InboxRepository;
import com.penguinmails.shared.BounceReason;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The unified inbox: the replies of every mailbox of the workspace, each conversation
 * threaded with what we sent, filtered by campaign, mailbox, unread and label; a lead
 * status label per conversation; replies written here go out through the mailbox the
 * conversation came in on, correctly threaded.
 */
@Service
public class Inbox {

	/** Lead statuses a conversation can carry. */
	public static final List<String> LABELS = List.of("interested", "meeting_booked", "not_interested", "wrong_person",
			"out_of_office");

	/**
	 * What to list. {@code show}: {@code replies} (replies and auto-replies, the default)
	 * or {@code all} (bounces, complaints, unsubscribes and unmatched mail too).
	 */
	public record Filter(UUID campaignId, UUID mailboxId, boolean unreadOnly, String label, String show) {

		public static Filter replies() {
			return new Filter(null, null, false, null, "replies");
		}

	}

	/** A conversation as the list shows it: its latest incoming message. */
	public record Thread(UUID id, UUID latestId, String from, String fromName, String subject, String snippet,
			Instant receivedAt, String kind, String label, int unread, int messages, UUID mailboxId, UUID campaignId,
			UUID contactId, String flags) {
	}

	/**
	 * One message of a conversation: {@code sent} by a campaign, {@code in} from the
	 * recipient, {@code out} written in this inbox. A bounce also has its type
	 * ({@code hard}, {@code soft}, {@code block}, {@code unknown}), its
	 * {@link BounceReason} key, the receiving server's reply ({@code diagnostic}), its
	 * enhanced status code (RFC 3463), SMTP reply code (RFC 5321) and the host that
	 * replied; these are {@code null} for other messages.
	 */
	public record Entry(UUID id, String direction, String from, String to, String subject, String text, Instant at,
			String kind, String flags, String problems, String bounceType, String diagnostic, String bounceReason,
			String bounceStatus, String replyCode, String remoteMta) {

		/** The bounce reason as people read it, e.g. "mailbox full", or {@code null}. */
		public String bounceReasonLabel() {
			return BounceReason.ofKey(this.bounceReason).map(BounceReason::label).orElse(null);
		}

	}

	public record Conversation(UUID id, String label, UUID mailboxId, UUID campaignId, UUID contactId, String replyTo,
			List<Entry> entries) {
	}

	private final InboxRepository repository;

	private final Outbox outbox;

	private final InboxReplies replies;

	private final Contacts contacts;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Inbox(InboxRepository repository, Outbox outbox, InboxReplies replies, Contacts contacts, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.repository = repository;
		this.outbox = outbox;
		this.replies = replies;
		this.contacts = contacts;
		this.clock = clock;
	}

	/**
	 * Conversations, the latest first, a page at a time.
	 * @throws InvalidInputProblem for an unknown label or {@code show}
	 */
	public CursorPage<Thread> threads(Tenant tenant, Filter filter, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		int size = CursorPage.limit(limit, 200);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		String label = filter.label() == null || filter.label().isBlank() ? null : label(filter.label());
		if (filter.show() != null && !List.of("replies", "all").contains(filter.show())) {
			throw new InvalidInputProblem("invalid-show", "show is replies (the default) or all.");
		}
		List<Thread> rows = repository.threads(tenant.workspaceId(), filter, "all".equals(filter.show()), label, after,
				size);
		return CursorPage.of(rows, size, thread -> new CursorPage.Position(thread.receivedAt(), thread.latestId()));
	}

	/** Conversations with unread messages (the navigation's count). */
	public long unread(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		return repository.unread(tenant.workspaceId());
	}

	/**
	 * A conversation, oldest first: what the campaign sent, what came back, what was
	 * written here. Reading it marks it read when {@code markRead} and the caller may
	 * write (a member or above on a page; a viewer's reading changes nothing).
	 * @throws NotFoundProblem for a conversation not of the workspace
	 */
	@Transactional
	public Conversation conversation(Tenant tenant, UUID threadId, boolean markRead) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		List<Entry> stored = repository.entries(tenant.workspaceId(), threadId);
		if (stored.isEmpty()) {
			throw new NotFoundProblem("Conversation");
		}
		List<Entry> entries = new ArrayList<>();
		for (Outbox.Written sent : outbox.conversation(tenant.workspaceId(), threadId)) {
			entries.add(new Entry(sent.id(), "sent", "", sent.to(), sent.subject(), sent.text(), sent.sentAt(),
					"step " + (sent.step() + 1), "", "", null, null, null, null, null, null));
		}
		entries.addAll(stored);
		// IMAP dates have whole seconds: within one second, what we sent comes first,
		// then the order messages were stored in (a stable sort keeps it).
		entries.sort(Comparator.comparing(entry -> entry.at().truncatedTo(ChronoUnit.SECONDS)));
		InboxRepository.Head head = repository.head(tenant.workspaceId(), threadId)
			.orElseThrow(() -> new NotFoundProblem("Conversation"));
		// Marking read changes what the team sees: a viewer only looks.
		if (markRead && !tenant.viaApiKey() && tenant.role().atLeast(WorkspaceRole.MEMBER)) {
			repository.markRead(tenant.workspaceId(), threadId, true, true);
		}
		return new Conversation(threadId, head.label(), head.mailboxId(), head.campaignId(), head.contactId(),
				head.replyTo(), entries);
	}

	/** Marks a conversation read or unread. */
	@Transactional
	public void markRead(Tenant tenant, UUID threadId, boolean read) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		if (repository.markRead(tenant.workspaceId(), threadId, read, false) == 0) {
			throw new NotFoundProblem("Conversation");
		}
	}

	/**
	 * Sets a conversation's lead status (null or blank clears it) and publishes
	 * {@link ConversationLabelled}.
	 */
	@Transactional
	public void label(Tenant tenant, UUID threadId, String label) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		String value = label == null || label.isBlank() ? null : label(label);
		Instant at = clock.instant();
		if (!repository.label(tenant.workspaceId(), threadId, value, at)) {
			throw new NotFoundProblem("Conversation");
		}
		events.publishEvent(new ConversationLabelled(tenant.workspaceId(), threadId, value, at));
	}

	/**
	 * Replies to a conversation through the mailbox it came in on, to its latest sender,
	 * threaded under its latest message ({@code In-Reply-To}, {@code References}, "Re:").
	 * @throws InvalidInputProblem for an empty or too long text (400), a conversation
	 * whose latest message has no sender address (409)
	 */
	@Transactional
	public Entry reply(Tenant tenant, UUID threadId, String text) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		String body = text == null ? "" : text.strip();
		if (body.isEmpty() || body.length() > 100_000) {
			throw new InvalidInputProblem("invalid-reply", "Write a reply of 1 to 100,000 characters.");
		}
		InboxReplies.Answer latest = repository.latest(tenant.workspaceId(), threadId)
			.orElseThrow(() -> new NotFoundProblem("Conversation"));
		if (latest.to() == null || !EmailAddresses.isValid(latest.to())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "no-recipient",
					"The latest message of this conversation has no sender address to reply to.");
		}
		return replies.send(latest, body, clock.instant());
	}

	/**
	 * One message received about a contact, for its history: a reply, an auto-reply, a
	 * bounce (with its reason, enhanced status code, SMTP reply code, remote MTA and the
	 * server's words), a complaint or an unsubscribe.
	 */
	public record HistoryItem(UUID id, UUID threadId, String kind, String subject, Instant receivedAt,
			String bounceType, String bounceReason, String bounceStatus, String replyCode, String remoteMta,
			String diagnostic) {

		/** The bounce reason as people read it, e.g. "mailbox full", or {@code null}. */
		public String bounceReasonLabel() {
			return BounceReason.ofKey(this.bounceReason).map(BounceReason::label).orElse(null);
		}

	}

	/**
	 * What came back about a contact, newest first (at most 200): messages matched to
	 * what was sent to it, and bounces naming its address. Empty for an unknown contact.
	 */
	public List<HistoryItem> history(Tenant tenant, UUID contactId) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		String address = contacts.byIds(Tenant.system(tenant.workspaceId()), List.of(contactId))
			.values()
			.stream()
			.map(Contact::email)
			.findFirst()
			.orElse(null);
		return repository.history(tenant.workspaceId(), contactId, address);
	}

	private static String label(String given) {
		String label = given.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
		if (!LABELS.contains(label)) {
			throw new InvalidInputProblem("invalid-label", "Labels: " + String.join(", ", LABELS) + ".");
		}
		return label;
	}

}
