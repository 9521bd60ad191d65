package com.penguinmails.delivery.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.Keyset;

/**
 * A contact's rows of the outbox, newest first by keyset (index {@code outbox_contact},
 * V48).
 */
@Repository
public class ContactMessageRepository {

	/** An outbox row as the timeline shows it. */
	public record Row(UUID id, UUID campaignId, int step, int variant, UUID mailboxId, String subject, String status,
			String failure, String smtpReply, Instant at) {
	}

	private static final String AT = "coalesce(sent_at, created_at)";

	private final JdbcClient jdbc;

	ContactMessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Row> sentTo(UUID workspaceId, UUID contactId, Keyset before, int limit) {
		List<Object> params = new ArrayList<>(List.of(contactId, workspaceId));
		params.addAll(Arrays.asList(before.params()));
		params.add(limit);
		return jdbc
			.sql("SELECT id, campaign_id, step, variant, mailbox_id, subject, status, failure, smtp_reply, " + AT
					+ " FROM outbox WHERE contact_id = ? AND workspace_id = ? AND " + Keyset.whereUuid(AT, "id")
					+ " ORDER BY " + AT + " DESC, id DESC LIMIT ?")
			.params(params)
			.query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
					rs.getInt(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getString(9), rs.getTimestamp(10).toInstant()))
			.list();
	}

	/** A campaign message sent to a contact: who, which campaign, when. */
	public record Touch(UUID contactId, UUID campaignId, Instant sentAt) {
	}

	/**
	 * The campaign messages sent (accepted by the recipient's server) to the contacts
	 * before {@code before}, by contact, oldest first (index {@code outbox_contact}).
	 */
	public List<Touch> campaignTouches(UUID workspaceId, Collection<UUID> contactIds, Instant before) {
		if (contactIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT contact_id, campaign_id, sent_at FROM outbox
				WHERE contact_id = ANY (?) AND workspace_id = ? AND campaign_id IS NOT NULL AND status = 'sent'
				AND sent_at < ?
				ORDER BY contact_id, sent_at, id""")
			.params(contactIds.toArray(UUID[]::new), workspaceId, Timestamp.from(before))
			.query((rs, i) -> new Touch(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getTimestamp(3).toInstant()))
			.list();
	}

	public List<UUID> sentIds(UUID workspaceId, UUID contactId, int limit) {
		return jdbc
			.sql("SELECT id FROM outbox WHERE contact_id = ? AND workspace_id = ? AND sent_at IS NOT NULL ORDER BY "
					+ AT + " DESC, id DESC LIMIT ?")
			.params(contactId, workspaceId, limit)
			.query(UUID.class)
			.list();
	}

}
