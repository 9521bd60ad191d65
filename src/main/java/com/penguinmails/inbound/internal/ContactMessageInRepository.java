package com.penguinmails.inbound.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.Keyset;

/**
 * A contact's inbound messages, newest first by keyset: matched ones through index
 * {@code inbound_messages_contact} (V48), bounces naming the address through
 * {@code inbound_messages_bounced}.
 */
@Repository
public class ContactMessageInRepository {

	/** A row as the timeline reads it. */
	public record Row(UUID id, UUID threadId, UUID campaignId, String kind, String subject, String text,
			String bounceType, String bounceReason, String bounceStatus, String diagnostic, Instant receivedAt) {
	}

	private final JdbcClient jdbc;

	ContactMessageInRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Row> about(UUID workspaceId, UUID contactId, String address, Keyset before, int limit) {
		String keyset = Keyset.whereUuid("m.received_at", "m.id");
		List<Object> params = new ArrayList<>(List.of(workspaceId, contactId));
		params.addAll(Arrays.asList(before.params()));
		params.add(limit);
		params.add(workspaceId);
		params.add(address);
		params.add(contactId);
		params.addAll(Arrays.asList(before.params()));
		params.add(limit);
		params.add(limit);
		String columns = """
				SELECT m.id, m.thread_id, m.campaign_id, m.kind, m.subject, left(m.text_body, 4000) AS text_body,
				    m.bounce_type, m.bounce_reason, m.bounce_status, m.diagnostic, m.received_at FROM inbound_messages m
				""";
		return jdbc.sql("(" + columns + """
				WHERE m.workspace_id = ? AND m.contact_id = ? AND m.direction = 'in' AND """ + keyset
				+ " ORDER BY m.received_at DESC, m.id DESC LIMIT ?) UNION ALL (" + columns + """
						WHERE m.workspace_id = ? AND m.kind = 'bounce' AND lower(m.bounced_address) = lower(?::varchar)
						    AND m.contact_id IS DISTINCT FROM ? AND m.direction = 'in' AND """ + keyset
				+ " ORDER BY m.received_at DESC, m.id DESC LIMIT ?) ORDER BY received_at DESC, id DESC LIMIT ?")
			.params(params)
			.query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8), rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant()))
			.list();
	}

}
