package com.penguinmails.contacts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;

/** Counting and walking the contacts a {@link ContactWhere} condition selects. */
@Repository
public class ContactSelectionRepository {

	private final JdbcClient jdbc;

	ContactSelectionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** How many contacts the condition selects. */
	public long count(Compiled where) {
		return jdbc.sql("SELECT count(*) FROM contacts c WHERE " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	/**
	 * How many contacts the condition selects, counting at most {@code limit}: the scan
	 * stops at the limit, so a broad filter costs what its first {@code limit} rows do.
	 */
	public long countUpTo(Compiled where, long limit) {
		List<Object> params = new ArrayList<>(where.params());
		params.add(limit);
		return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM contacts c WHERE " + where.sql() + " LIMIT ?) x")
			.params(params)
			.query(Long.class)
			.single();
	}

	/**
	 * At most {@code limit} selected ids greater than {@code afterId} (all when null), in
	 * id order: a batch of a walk over a selection that may change meanwhile.
	 */
	public List<UUID> ids(Compiled where, UUID afterId, int limit) {
		List<Object> params = new ArrayList<>(where.params());
		params.add(afterId);
		params.add(afterId);
		params.add(limit);
		return jdbc
			.sql("SELECT c.id FROM contacts c WHERE " + where.sql()
					+ " AND (?::uuid IS NULL OR c.id > ?::uuid) ORDER BY c.id LIMIT ?")
			.params(params)
			.query(UUID.class)
			.list();
	}

}
