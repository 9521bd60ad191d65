package com.penguinmails.inbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.inbound.internal.InboxReplies;
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

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final InboxReplies replies;

	private final Clock clock;

	Inbox(JdbcClient jdbc, Outbox outbox, InboxReplies replies, Clock clock) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.replies = replies;
		this.clock = clock;
	}

	/** Conversations, the latest first, a page at a time. */
	public CursorPage<Thread> threads(Tenant tenant, Filter filter, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		int size = CursorPage.limit(limit, 200);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		String label = filter.label() == null || filter.label().isBlank() ? null : label(filter.label());
		if (filter.show() != null && !List.of("replies", "all").contains(filter.show())) {
			throw new InvalidInputProblem("invalid-show", "show is replies (the default) or all.");
		}
		boolean all = "all".equals(filter.show());
		List<Thread> rows = jdbc.sql("""
				WITH latest AS (
				    SELECT DISTINCT ON (m.thread_id) m.* FROM inbound_messages m
				    WHERE m.workspace_id = ? AND m.direction = 'in' AND (? OR m.kind IN ('reply', 'auto_reply'))
				        AND (?::uuid IS NULL OR m.campaign_id = ?::uuid) AND (?::uuid IS NULL OR m.mailbox_id = ?::uuid)
				    ORDER BY m.thread_id, m.received_at DESC, m.id DESC)
				SELECT l.thread_id, l.id, l.from_address, l.from_name, l.subject, left(l.text_body, 200), l.received_at,
				    l.kind, t.label, l.mailbox_id, l.campaign_id, l.contact_id, l.flags,
				    (SELECT count(*) FROM inbound_messages u
				     WHERE u.workspace_id = l.workspace_id AND u.thread_id = l.thread_id AND u.unread) AS unread,
				    (SELECT count(*) FROM inbound_messages u
				     WHERE u.workspace_id = l.workspace_id AND u.thread_id = l.thread_id) AS messages
				FROM latest l LEFT JOIN inbound_threads t ON t.id = l.thread_id AND t.workspace_id = l.workspace_id
				WHERE (?::varchar IS NULL OR t.label = ?::varchar)
				    AND (NOT ? OR EXISTS (SELECT 1 FROM inbound_messages u
				        WHERE u.workspace_id = l.workspace_id AND u.thread_id = l.thread_id AND u.unread))
				    AND (?::timestamptz IS NULL OR (l.received_at, l.id) < (?::timestamptz, ?::uuid))
				ORDER BY l.received_at DESC, l.id DESC LIMIT ?""")
			.params(tenant.workspaceId(), all, filter.campaignId(), filter.campaignId(), filter.mailboxId(),
					filter.mailboxId(), label, label, filter.unreadOnly(),
					after == null ? null : Timestamp.from(after.at()),
					after == null ? null : Timestamp.from(after.at()), after == null ? null : after.id(), size + 1)
			.query((rs, i) -> new Thread(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
					rs.getString(9), rs.getInt(14), rs.getInt(15), rs.getObject(10, UUID.class),
					rs.getObject(11, UUID.class), rs.getObject(12, UUID.class), rs.getString(13)))
			.list();
		return CursorPage.of(rows, size, thread -> new CursorPage.Position(thread.receivedAt(), thread.latestId()));
	}

	/** Conversations with unread messages (the navigation's count). */
	public long unread(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		return jdbc.sql("""
				SELECT count(DISTINCT thread_id) FROM inbound_messages
				WHERE workspace_id = ? AND unread AND direction = 'in' AND kind IN ('reply', 'auto_reply')""")
			.param(tenant.workspaceId())
			.query(Long.class)
			.single();
	}

	/**
	 * A conversation, oldest first: what the campaign sent, what came back, what was
	 * written here. Reading it marks it read when {@code markRead} and the caller may
	 * write (a member or above on a page; a viewer's reading changes nothing).
	 */
	@Transactional
	public Conversation conversation(Tenant tenant, UUID threadId, boolean markRead) {
		tenant.require(WorkspaceRole.VIEWER, "inbox:read");
		List<Entry> stored = new ArrayList<>(jdbc.sql("""
				SELECT id, direction, CASE WHEN from_name = '' THEN from_address
				    ELSE from_name || ' <' || from_address || '>' END, to_addresses, subject, text_body, received_at,
				    kind, flags, problems, bounce_type, diagnostic, bounce_reason, bounce_status, reply_code, remote_mta
				FROM inbound_messages WHERE workspace_id = ? AND thread_id = ?
				ORDER BY date_trunc('second', received_at), created_at, id""")
			.params(tenant.workspaceId(), threadId)
			.query((rs, i) -> new Entry(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
					rs.getString(15), rs.getString(16)))
			.list());
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
		// then
		// the order messages were stored in (a stable sort keeps it).
		entries.sort(Comparator.comparing(entry -> entry.at().truncatedTo(ChronoUnit.SECONDS)));
		var head = jdbc.sql("""
				SELECT m.mailbox_id, m.campaign_id, m.contact_id, t.label,
				    (SELECT from_address FROM inbound_messages r WHERE r.workspace_id = m.workspace_id
				     AND r.thread_id = m.thread_id AND r.direction = 'in' ORDER BY received_at DESC LIMIT 1)
				FROM inbound_messages m LEFT JOIN inbound_threads t ON t.id = m.thread_id
				WHERE m.workspace_id = ? AND m.thread_id = ? AND m.direction = 'in'
				ORDER BY m.received_at DESC LIMIT 1""")
			.params(tenant.workspaceId(), threadId)
			.query((rs,
					i) -> new Object[] { rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
							rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5) })
			.optional()
			.orElseThrow(() -> new NotFoundProblem("Conversation"));
		// Marking read changes what the team sees: a viewer only looks.
		if (markRead && !tenant.viaApiKey() && tenant.role().atLeast(WorkspaceRole.MEMBER)) {
			jdbc.sql("UPDATE inbound_messages SET unread = false WHERE workspace_id = ? AND thread_id = ? AND unread")
				.params(tenant.workspaceId(), threadId)
				.update();
		}
		return new Conversation(threadId, (String) head[3], (UUID) head[0], (UUID) head[1], (UUID) head[2],
				(String) head[4], entries);
	}

	/** Marks a conversation read or unread. */
	@Transactional
	public void markRead(Tenant tenant, UUID threadId, boolean read) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		int changed = jdbc.sql("""
				UPDATE inbound_messages SET unread = ?
				WHERE workspace_id = ? AND thread_id = ? AND direction = 'in'""")
			.params(!read, tenant.workspaceId(), threadId)
			.update();
		if (changed == 0) {
			throw new NotFoundProblem("Conversation");
		}
	}

	/** Sets a conversation's lead status (null or blank clears it). */
	@Transactional
	public void label(Tenant tenant, UUID threadId, String label) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		String value = label == null || label.isBlank() ? null : label(label);
		int changed = jdbc.sql("""
				UPDATE inbound_threads SET label = ?, updated_at = ? WHERE workspace_id = ? AND id = ?""")
			.params(value, Timestamp.from(clock.instant()), tenant.workspaceId(), threadId)
			.update();
		if (changed == 0) {
			throw new NotFoundProblem("Conversation");
		}
	}

	/**
	 * Replies to a conversation through the mailbox it came in on, to its latest sender,
	 * threaded under its latest message ({@code In-Reply-To}, {@code References}, "Re:").
	 */
	@Transactional
	public Entry reply(Tenant tenant, UUID threadId, String text) {
		tenant.require(WorkspaceRole.MEMBER, "inbox:write");
		String body = text == null ? "" : text.strip();
		if (body.isEmpty() || body.length() > 100_000) {
			throw new InvalidInputProblem("invalid-reply", "Write a reply of 1 to 100,000 characters.");
		}
		var latest = jdbc.sql("""
				SELECT mailbox_id, from_address, subject, message_id, references_ids, campaign_id, enrolment_id,
				    contact_id
				FROM inbound_messages WHERE workspace_id = ? AND thread_id = ? AND direction = 'in'
				ORDER BY received_at DESC, id DESC LIMIT 1""")
			.params(tenant.workspaceId(), threadId)
			.query((rs, i) -> new InboxReplies.Answer(tenant.workspaceId(), threadId, rs.getObject(1, UUID.class),
					rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class),
					rs.getObject(7, UUID.class), rs.getObject(8, UUID.class)))
			.optional()
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
		return jdbc.sql("""
				SELECT m.id, m.thread_id, m.kind, m.subject, m.received_at, m.bounce_type, m.bounce_reason,
				    m.bounce_status, m.reply_code, m.remote_mta, m.diagnostic
				FROM inbound_messages m
				WHERE m.workspace_id = ? AND m.direction = 'in' AND (m.contact_id = ? OR (m.kind = 'bounce'
				    AND lower(m.bounced_address) = (SELECT lower(email) FROM contacts c
				        WHERE c.workspace_id = m.workspace_id AND c.id = ?)))
				ORDER BY m.received_at DESC, m.id DESC LIMIT 200""")
			.params(tenant.workspaceId(), contactId, contactId)
			.query((rs, i) -> new HistoryItem(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getString(9), rs.getString(10), rs.getString(11)))
			.list();
	}

	private static String label(String given) {
		String label = given.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
		if (!LABELS.contains(label)) {
			throw new InvalidInputProblem("invalid-label", "Labels: " + String.join(", ", LABELS) + ".");
		}
		return label;
	}

}
