package com.penguinmails.contacts.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactStatus;

/**
 * The SQL of the {@code contacts} table (and the names of a contact's lists). Every query
 * is scoped to the workspace given first; a row is read into a {@link Contact}, its
 * {@code custom} JSON into a map (an unreadable one as empty) and its status into a
 * {@link ContactStatus}.
 */
@Repository
public class ContactRepository {

	/**
	 * A new contact's row; text fields are stored stripped, a null as "".
	 *
	 * @param customJson the custom fields as a JSON object
	 * @param tags the cleaned tags (lower case, distinct)
	 */
	public record NewRow(UUID id, String email, String firstName, String lastName, String company, String title,
			String phone, String website, String linkedinUrl, String timeZone, String country, String customJson,
			String[] tags) {
	}

	/**
	 * One assignment of an UPDATE: {@code sql} is column text from our own code (never
	 * input), with a {@code ?} for each of {@code params}.
	 */
	public record Assignment(String sql, List<Object> params) {

		public static Assignment of(String sql, Object... params) {
			return new Assignment(sql, java.util.Arrays.asList(params));
		}

	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	ContactRepository(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Inserts a contact, its role-address and disposable-domain flags set from the email.
	 * @throws org.springframework.dao.DuplicateKeyException when the address (any case)
	 * is already a contact of the workspace
	 */
	public void insert(UUID workspaceId, NewRow row) {
		jdbc.sql("""
				INSERT INTO contacts (id, workspace_id, email, first_name, last_name, company, title, phone, website,
				    linkedin_url, time_zone, country, custom, tags, role_address, disposable)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
			.params(row.id(), workspaceId, row.email(), text(row.firstName()), text(row.lastName()),
					text(row.company()), text(row.title()), text(row.phone()), text(row.website()),
					text(row.linkedinUrl()), text(row.timeZone()), text(row.country()), row.customJson(), row.tags(),
					ContactFields.roleAddress(row.email()), ContactFields.disposable(row.email()))
			.update();
	}

	/**
	 * Applies {@code assignments} (at least one) to a contact and stamps
	 * {@code updated_at}.
	 * @throws org.springframework.dao.DuplicateKeyException when a new email is another
	 * contact's
	 */
	public void update(UUID workspaceId, UUID id, List<Assignment> assignments) {
		List<Object> params = new ArrayList<>();
		List<String> sets = new ArrayList<>();
		for (Assignment assignment : assignments) {
			sets.add(assignment.sql());
			params.addAll(assignment.params());
		}
		params.addAll(List.of(workspaceId, id));
		jdbc.sql("UPDATE contacts SET " + String.join(", ", sets)
				+ ", updated_at = now() WHERE workspace_id = ? AND id = ?")
			.params(params)
			.update();
	}

	public Optional<Contact> find(UUID workspaceId, UUID id) {
		return jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, id)
			.query((rs, i) -> map(rs))
			.optional();
	}

	/** The id of the contact with this address, compared without regard to case. */
	public Optional<UUID> idByEmail(UUID workspaceId, String email) {
		return jdbc.sql("SELECT id FROM contacts WHERE workspace_id = ? AND lower(email) = lower(?)")
			.params(workspaceId, email)
			.query(UUID.class)
			.optional();
	}

	/** The ids of the workspace's contacts whose address is at {@code domain}. */
	public List<UUID> idsAtDomain(UUID workspaceId, String domain) {
		return jdbc
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND lower(split_part(email, '@', 2)) = lower(?)")
			.params(workspaceId, domain)
			.query(UUID.class)
			.list();
	}

	/** The contacts among {@code ids} (others are left out), in no order. */
	public List<Contact> byIds(UUID workspaceId, Collection<UUID> ids) {
		return jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND id = ANY (?)")
			.params(workspaceId, ids.toArray(UUID[]::new))
			.query((rs, i) -> map(rs))
			.list();
	}

	/**
	 * The ids among {@code ids} that are not contacts of the workspace, in the order
	 * given.
	 */
	public List<UUID> missing(UUID workspaceId, Collection<UUID> ids) {
		UUID[] given = ids.stream().filter(Objects::nonNull).distinct().toArray(UUID[]::new);
		if (given.length == 0) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT g.id FROM unnest(?::uuid[]) WITH ORDINALITY AS g(id, n)
				WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.workspace_id = ? AND c.id = g.id) ORDER BY g.n""")
			.params(given, workspaceId)
			.query(UUID.class)
			.list();
	}

	public long count(UUID workspaceId) {
		return jdbc.sql("SELECT count(*) FROM contacts WHERE workspace_id = ?")
			.param(workspaceId)
			.query(Long.class)
			.single();
	}

	/**
	 * Newest first: at most {@code limit} contacts created before the position
	 * ({@code before}, {@code beforeId}), or from the newest when {@code before} is null.
	 */
	public List<Contact> page(UUID workspaceId, Instant before, UUID beforeId, int limit) {
		Timestamp at = before == null ? null : Timestamp.from(before);
		return jdbc.sql("""
				SELECT * FROM contacts WHERE workspace_id = ?
				    AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY created_at DESC, id DESC LIMIT ?""")
			.params(workspaceId, at, at, beforeId, limit)
			.query((rs, i) -> map(rs))
			.list();
	}

	/**
	 * Contacts whose email contains {@code text} (any case, taken literally), at most 20,
	 * by email.
	 */
	public List<Contact> search(UUID workspaceId, String text) {
		String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND email ILIKE ? ORDER BY email LIMIT 20")
			.params(workspaceId, like)
			.query((rs, i) -> map(rs))
			.list();
	}

	/** Deletes a contact (its list memberships go with it); false when there was none. */
	public boolean delete(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM contacts WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update() > 0;
	}

	/** Deletes a contact and returns the address it had, or empty when there was none. */
	public Optional<String> deleteReturningEmail(UUID workspaceId, UUID id) {
		return jdbc.sql("DELETE FROM contacts WHERE workspace_id = ? AND id = ? RETURNING email")
			.params(workspaceId, id)
			.query(String.class)
			.optional();
	}

	/** The names of the lists a contact belongs to, by name. */
	public List<String> listNames(UUID workspaceId, UUID contactId) {
		return jdbc.sql("""
				SELECT l.name FROM contact_lists l JOIN contact_list_members m ON m.list_id = l.id
				WHERE l.workspace_id = ? AND m.contact_id = ? ORDER BY l.name""")
			.params(workspaceId, contactId)
			.query(String.class)
			.list();
	}

	/**
	 * The {@link Contact} of the current row of a {@code SELECT c.*} over contacts, for
	 * this package's other queries of the table.
	 */
	public Contact read(ResultSet rs) throws SQLException {
		return map(rs);
	}

	private Contact map(ResultSet rs) throws SQLException {
		Map<String, Object> custom;
		try {
			custom = json.readValue(rs.getString("custom"), new TypeReference<Map<String, Object>>() {
			});
		}
		catch (JsonProcessingException ex) {
			custom = Map.of();
		}
		Array tags = rs.getArray("tags");
		return new Contact(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), rs.getString("company"), rs.getString("title"), rs.getString("phone"),
				rs.getString("website"), rs.getString("linkedin_url"), rs.getString("time_zone"),
				rs.getString("country"), custom, List.of((String[]) tags.getArray()),
				ContactStatus.of(rs.getString("status")), rs.getBoolean("role_address"), rs.getBoolean("disposable"),
				rs.getInt("score"), (Boolean) rs.getObject("mx_found"), rs.getTimestamp("created_at").toInstant());
	}

	private static String text(String value) {
		return value == null ? "" : value.strip();
	}

}
