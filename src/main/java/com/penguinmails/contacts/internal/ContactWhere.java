package com.penguinmails.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;

/**
 * The SQL condition on {@code contacts c} for a {@link ContactFilter}, scoped to one
 * workspace (its parameter first). A segment arrives already compiled.
 */
public final class ContactWhere {

	private ContactWhere() {
	}

	/**
	 * @param segment the filter's segment compiled ({@link SegmentCompiler}), or null
	 * when the filter names none
	 */
	public static Compiled of(UUID workspaceId, ContactFilter filter, Compiled segment) {
		StringBuilder sql = new StringBuilder("c.workspace_id = ?");
		List<Object> params = new ArrayList<>();
		params.add(workspaceId);
		if (filter.q() != null && !filter.q().isBlank()) {
			for (String word : filter.q().strip().split("\\s+")) {
				String like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
				sql.append(" AND (c.email ILIKE ? OR c.first_name ILIKE ? OR c.last_name ILIKE ?"
						+ " OR c.company ILIKE ? OR c.title ILIKE ?)");
				for (int i = 0; i < 5; i++) {
					params.add(like);
				}
			}
		}
		if (filter.listId() != null) {
			sql.append(
					" AND EXISTS (SELECT 1 FROM contact_list_members m WHERE m.contact_id = c.id AND m.list_id = ?)");
			params.add(filter.listId());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			sql.append(" AND ? = ANY (c.tags)");
			params.add(filter.tag().strip().toLowerCase(Locale.ROOT));
		}
		if (filter.status() != null) {
			sql.append(" AND c.status = ?");
			params.add(filter.status().value());
		}
		if (segment != null) {
			sql.append(" AND (").append(segment.sql()).append(')');
			params.addAll(segment.params());
		}
		return new Compiled(sql.toString(), params);
	}

}
