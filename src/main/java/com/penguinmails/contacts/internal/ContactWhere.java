package com.penguinmails.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;

/**
 * The SQL condition on {@code contacts c} for a {@link ContactFilter}, scoped to one
 * workspace (its parameter first). A segment arrives already compiled. Search: every word
 * of {@code q} must occur (any case, taken literally) in {@link #SEARCH_TEXT}.
 */
public final class ContactWhere {

	/**
	 * The text a search looks in: email (with its domain), first and last name, company,
	 * title and the string values of custom; exactly V43's indexed expression, so the
	 * trigram index matches it.
	 */
	static final String SEARCH_TEXT = "contact_search_text(c.email, c.first_name, c.last_name, c.company, c.title,"
			+ " c.custom)";

	private ContactWhere() {
	}

	/**
	 * @param segment the filter's segment compiled ({@link SegmentCompiler}), or null
	 * when the filter names none
	 */
	public static Compiled of(UUID workspaceId, ContactFilter filter, Compiled segment) {
		return of(workspaceId, filter, segment, true);
	}

	/**
	 * @param segment the filter's segment compiled ({@link SegmentCompiler}), or null
	 * when the filter names none
	 * @param searchByIndex false to write the search so that no index serves it: for a
	 * broad search whose page is found sooner by walking the sort's index and checking
	 * rows than by reading all its matches through the trigram index
	 */
	public static Compiled of(UUID workspaceId, ContactFilter filter, Compiled segment, boolean searchByIndex) {
		StringBuilder sql = new StringBuilder("c.workspace_id = ?");
		List<Object> params = new ArrayList<>();
		params.add(workspaceId);
		if (filter.q() != null && !filter.q().isBlank()) {
			for (String word : filter.q().strip().split("\\s+")) {
				if (searchByIndex && word.codePointCount(0, word.length()) >= 3) {
					// V43's trigram index serves this for words of 3 characters or more.
					sql.append(" AND ").append(SEARCH_TEXT).append(" ILIKE ?");
					params.add("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
				}
				else {
					// pg_trgm: a pattern of under 3 characters has no trigram, so the
					// index
					// would be read whole; the same test (any case, literal) without it.
					sql.append(" AND strpos(lower(").append(SEARCH_TEXT).append("), lower(?)) > 0");
					params.add(word);
				}
			}
		}
		if (filter.listId() != null) {
			sql.append(
					" AND EXISTS (SELECT 1 FROM contact_list_members m WHERE m.contact_id = c.id AND m.list_id = ?)");
			params.add(filter.listId());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			// Containment, so V43's GIN index on tags serves it.
			sql.append(" AND c.tags @> ARRAY[?]::text[]");
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
