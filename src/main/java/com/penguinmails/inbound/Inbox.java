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
import com.penguinmails.inbound.internal.InboxComposer;
import com.penguinmails.inbound.internal.InboxRepository;
import com.penguinmails.inbound.internal.InboxThreadList;
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
	public record Filter(UUID campaignId, UUID mailboxId, boolean unreadOnly, String label, String show, String q,
			boolean done) {

		/** Not searching, conversations not done. */
		public Filter(UUID campaignId, UUID mailboxId, boolean unreadOnly, String label, String show) {
			this(campaignId, mailboxId, unreadOnly, label, show, null, false);
		}

		public static Filter replies() {
			return new Filter(null, null, false, null, "replies");
		}

	}

	/**
	 * A conversation as the list shows it: its latest incoming message; {@code done} when
	 * archived.
	 */
	public record Thread(UUID id, UUID latestId, String from, String fromName, String subject, String snippet,
			Instant receivedAt, String kind, String label, int unread, int messages, UUID mailboxId, UUID campaignId,
			UUID contactId, String flags, boolean done) {
	}

	/**
	 * One message of a conversation: {@code sent} by a campaign, {@code in} from the
	 * recipient, {@code out} written in this inbox. A bounce also has its type
	 * ({@code hard}, {@code soft}, {@code block}, {@code unknown}), its
	 * {@link BounceReason} key, the receiving server's reply ({@code diagnostic}), its
	 * enhanced status code (RFC 3463), SMTP reply code (RFC 5321) and the host that
	 * replied; these are {@code null} for other messages. A reply written here to be sent
	 * later has {@code scheduledFor} (flag {@code cancelled} once cancelled).
	 */
	public record Entry(UUID id, String direction, String from, String to, String subject, String text, Instant at,
			String kind, String flags, String problems, String bounceType, String diagnostic, String bounceReason,
			String bounceStatus, String replyCode, String remoteMta, Instant scheduledFor) {

		/** A reply sent later that has not been cancelled. */
		public boolean scheduled() {
			return this.scheduledFor != null && (this.flags == null || this.flags.isEmpty());
		}

		/** The bounce reason as people read it, e.g. "mailbox full", or {@code null}. */
		public String bounceReasonLabel() {
			return BounceReason.ofKey(this.bounceReason).map(BounceReason::label).orElse(null);
		}

	}

	/**
	 * A conversation: its label, whether it is done, its mailbox and the address replies
	 * go from ({@code fromAddress}, null when the mailbox was removed), who it is with
	 * ({@code contact}, null when not matched to a contact) and its entries, oldest
	 * first.
	 */
	public record Conversation(UUID id, String label, boolean done, UUID mailboxId, String fromAddress, UUID campaignId,
			UUID contactId, String replyTo, ContactCard contact, List<Entry> entries) {
	}

	private final InboxRepository repository;

	private final InboxThreadList list;

	private final InboxComposer composer;

	private final Outbox outbox;

	private final InboxReplies replies;

	private final Contacts contacts;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Inbox(InboxRepository repository, InboxThreadList list, InboxComposer composer, Outbox outbox, InboxReplies replies,
			Contacts contacts, Clock clock, ApplicationEventPublisher events) {
		this.list = list;
		this.composer = composer;
		this.events = events;
		this.repository = repository;
		this.outbox = outbox;
		this.replies = replies;
		this.contacts = contacts;
		this.clock = clock;
	}

	/**
	 * Conversations, the latest first, a page at a time (keyset: {@code cursor} is the
	 * previous page's {@code nextCursor}). {@code q} (at most 200 characters) finds
	 * conversations with a message whose sender address or name, subject or text contains
	 * it; {@code done} lists the archived ones instead of the others.
	 * @throws InvalidInputProblem for an unknown label or {@code show}, a too long search
	 */
	public CursorPage<Thread> threads(Tenant tenant, Filter filter, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		int size = CursorPage.limit(limit, 200);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		String label = filter.label() == null || filter.label().isBlank() ? null : label(filter.label());
		if (filter.show() != null && !List.of("replies", "all").contains(filter.show())) {
			throw new InvalidInputProblem("invalid-show", "show is replies (the default) or all.");
		}
		String q = filter.q() == null ? "" : filter.q().strip();
		if (q.length() > 200) {
			throw new InvalidInputProblem("invalid-q", "Search for at most 200 characters.");
		}
		String pattern = q.isEmpty() ? null
				: "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		List<Thread> rows = list.threads(tenant.workspaceId(), filter, "all".equals(filter.show()), label, pattern,
				after, size);
		return CursorPage.of(rows, size, thread -> new CursorPage.Position(thread.receivedAt(), thread.latestId()));
	}

	/** Conversations with unread messages (the navigation's count). */
	public long unread(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		return list.unread(tenant.workspaceId());
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
					"step " + (sent.step() + 1), "", "", null, null, null, null, null, null, null));
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
		return new Conversation(threadId, head.label(), head.archivedAt() != null, head.mailboxId(),
				composer.fromAddress(tenant.workspaceId(), head.mailboxId()), head.campaignId(), head.contactId(),
				head.replyTo(), composer.card(tenant.workspaceId(), head.contactId()), entries);
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

	/** Replies now: {@link #reply(Tenant, UUID, String, Instant)} without a send time. */
	@Transactional
	public Entry reply(Tenant tenant, UUID threadId, String text) {
		return reply(tenant, threadId, text, null);
	}

	/**
	 * Replies to a conversation through the mailbox it came in on, to its latest sender,
	 * threaded under its latest message ({@code In-Reply-To}, {@code References}, "Re:").
	 * Variables ({@code {{ first_name }}}, {@code {{ custom.plan }}}, {@code {{
	 * sender.name }}}) are rendered against the conversation's contact with the
	 * templates' Liquid renderer. {@code sendAt} (null: now) is the outbox row's
	 * {@code not_before}: until then the reply can be cancelled
	 * ({@link #cancelScheduled}).
	 * @throws InvalidInputProblem for an empty or too long text, a variable without a
	 * value, a send time in the past or more than a year ahead (400), a conversation
	 * whose latest message has no sender address (409)
	 */
	@Transactional
	public Entry reply(Tenant tenant, UUID threadId, String text, Instant sendAt) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		String body = text == null ? "" : text.strip();
		if (body.isEmpty() || body.length() > 100_000) {
			throw new InvalidInputProblem("invalid-reply", "Write a reply of 1 to 100,000 characters.");
		}
		Instant now = clock.instant();
		if (sendAt != null
				&& (sendAt.isBefore(now.minusSeconds(60)) || sendAt.isAfter(now.plus(366, ChronoUnit.DAYS)))) {
			throw new InvalidInputProblem("invalid-send-at", "Send later: choose a time from now to a year ahead.");
		}
		InboxReplies.Answer latest = repository.latest(tenant.workspaceId(), threadId)
			.orElseThrow(() -> new NotFoundProblem("Conversation"));
		if (latest.to() == null || !EmailAddresses.isValid(latest.to())) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "no-recipient",
					"The latest message of this conversation has no sender address to reply to.");
		}
		String rendered = composer.render(tenant.workspaceId(), latest.mailboxId(), latest.contactId(), body);
		boolean later = sendAt != null && sendAt.isAfter(now);
		Entry sent = replies.send(latest, rendered, later ? sendAt : now, now);
		if (!later) {
			return sent;
		}
		repository.scheduled(tenant.workspaceId(), sent.id(), sendAt);
		return new Entry(sent.id(), sent.direction(), sent.from(), sent.to(), sent.subject(), sent.text(), sent.at(),
				sent.kind(), sent.flags(), sent.problems(), null, null, null, null, null, null, sendAt);
	}

	/**
	 * Cancels a reply sent later while it still waits in the outbox; its entry stays,
	 * flagged {@code cancelled}.
	 * @throws NotFoundProblem for no such scheduled reply in the conversation
	 * @throws InvalidInputProblem (409) when it already left (or is leaving)
	 */
	@Transactional
	public void cancelScheduled(Tenant tenant, UUID threadId, UUID entryId) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		UUID outboxId = repository.scheduledOutbox(tenant.workspaceId(), threadId, entryId)
			.orElseThrow(() -> new NotFoundProblem("Scheduled reply"));
		if (!outbox.cancelQueued(tenant.workspaceId(), outboxId)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "already-sent",
					"This reply already left: it can no longer be cancelled.");
		}
		repository.cancelled(tenant.workspaceId(), entryId);
	}

	/**
	 * Marks a conversation done (archived: out of the default view until a new message
	 * comes in) or not done.
	 * @throws NotFoundProblem for a conversation not of the workspace
	 */
	@Transactional
	public void archive(Tenant tenant, UUID threadId, boolean done) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		if (repository.archive(tenant.workspaceId(), List.of(threadId), done ? clock.instant() : null) == 0) {
			throw new NotFoundProblem("Conversation");
		}
	}

	/** What a bulk action does to each conversation. */
	public enum BulkAction {

		LABEL, READ, UNREAD, ARCHIVE, UNARCHIVE;

		/** The action named {@code label}, {@code read}, ... (case-insensitive). */
		public static BulkAction of(String name) {
			for (BulkAction action : values()) {
				if (action.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
					return action;
				}
			}
			throw new InvalidInputProblem("invalid-action", "action is label, read, unread, archive or unarchive.");
		}

	}

	/**
	 * Applies one action to up to 500 conversations of the workspace (ids of other
	 * workspaces are skipped); returns how many were changed.
	 * @throws InvalidInputProblem for no ids, more than 500, or an unknown label
	 */
	@Transactional
	public int bulk(Tenant tenant, List<UUID> threadIds, BulkAction action, String label) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		if (threadIds == null || threadIds.isEmpty() || threadIds.size() > 500) {
			throw new InvalidInputProblem("invalid-thread-ids", "Choose 1 to 500 conversations.");
		}
		List<UUID> ids = repository.existing(tenant.workspaceId(), threadIds.stream().distinct().toList());
		switch (action) {
			case ARCHIVE, UNARCHIVE ->
				repository.archive(tenant.workspaceId(), ids, action == BulkAction.ARCHIVE ? clock.instant() : null);
			case READ, UNREAD -> ids.forEach(id -> repository.markRead(tenant.workspaceId(), id,
					action == BulkAction.READ, action == BulkAction.READ));
			case LABEL -> {
				String value = label == null || label.isBlank() ? null : label(label);
				ids.forEach(id -> label(tenant, id, value));
			}
		}
		return ids.size();
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
