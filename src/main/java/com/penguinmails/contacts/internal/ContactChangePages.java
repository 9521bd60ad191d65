package com.penguinmails.contacts.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.ContactHistory.Change;
import com.penguinmails.shared.Keyset;

/**
 * Pages of a contact's {@code contact_changes}, newest first, by keyset (index
 * {@code contact_changes_contact}).
 */
@Repository
public class ContactChangePages {

	private final JdbcClient jdbc;

	ContactChangePages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Change> of(UUID workspaceId, UUID contactId, Keyset before, int limit) {
		List<Object> params = new ArrayList<>(List.of(workspaceId, contactId));
		params.addAll(Arrays.asList(before.params()));
		params.add(limit);
		return jdbc.sql("""
				SELECT id, kind, detail, actor_user_id, job_id, occurred_at FROM contact_changes
				WHERE workspace_id = ? AND contact_id = ? AND """ + Keyset.whereBigint("occurred_at", "id") + """
				ORDER BY occurred_at DESC, id DESC LIMIT ?""")
			.params(params)
			.query((rs, i) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
					rs.getObject(5, UUID.class), rs.getTimestamp(6).toInstant()))
			.list();
	}

}
