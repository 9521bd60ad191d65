package com.penguinmails.tracking.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.shared.Keyset;
import com.penguinmails.tracking.ContactEvents.Event;

/**
 * The tracking events of some sent messages, newest first by keyset (index
 * {@code tracking_events_outbox}).
 */
@Repository
public class ContactEventRepository {

	private final JdbcClient jdbc;

	ContactEventRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Event> of(UUID workspaceId, Collection<UUID> outboxIds, Keyset before, int limit) {
		List<Object> params = new ArrayList<>(List.of(outboxIds.toArray(UUID[]::new), workspaceId));
		params.addAll(Arrays.asList(before.params()));
		params.add(limit);
		return jdbc
			.sql("""
					SELECT id, outbox_id, campaign_id, step, kind, url, machine, machine_reason, occurred_at
					FROM tracking_events WHERE outbox_id = ANY (?) AND workspace_id = ? AND """
					+ Keyset.whereUuid("occurred_at", "id") + " ORDER BY occurred_at DESC, id DESC LIMIT ?")
			.params(params)
			.query((rs, i) -> new Event(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getObject(3, UUID.class), (Integer) rs.getObject(4), rs.getString(5), rs.getString(6),
					rs.getBoolean(7), rs.getString(8), rs.getTimestamp(9).toInstant()))
			.list();
	}

}
