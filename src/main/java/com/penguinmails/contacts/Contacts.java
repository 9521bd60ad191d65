package com.penguinmails.contacts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/** A workspace's contacts: one per email address (any case). */
@Service
public class Contacts {

	public record NewContact(String email, String firstName, String lastName, String company, String title,
			String phone, String website, String linkedinUrl, String timeZone, String country,
			Map<String, Object> custom, List<String> tags) {
	}

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	Contacts(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Contact create(Tenant tenant, NewContact contact) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String email = contact.email() == null ? "" : contact.email().strip();
		if (!ContactFields.validEmail(email)) {
			throw new InvalidInputProblem("invalid-email", "Not a valid email address: " + email);
		}
		UUID id = UUID.randomUUID();
		try {
			jdbc.sql(
					"""
							INSERT INTO contacts (id, workspace_id, email, first_name, last_name, company, title, phone, website,
							    linkedin_url, time_zone, country, custom, tags, role_address, disposable)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)""")
				.params(id, tenant.workspaceId(), email, text(contact.firstName()), text(contact.lastName()),
						text(contact.company()), text(contact.title()), text(contact.phone()), text(contact.website()),
						text(contact.linkedinUrl()), text(contact.timeZone()), text(contact.country()),
						json.writeValueAsString(contact.custom() == null ? Map.of() : contact.custom()),
						(contact.tags() == null ? List.<String>of() : contact.tags()).toArray(String[]::new),
						ContactFields.roleAddress(email), ContactFields.disposable(email))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "contact-exists", email + " is already a contact.");
		}
		catch (JsonProcessingException ex) {
			throw new InvalidInputProblem("invalid-custom", "Custom fields must be simple values.");
		}
		return get(tenant, id);
	}

	public Contact get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.query((rs, i) -> map(rs))
			.optional()
			.orElseThrow(() -> new NotFoundProblem("Contact"));
	}

	public long count(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jdbc.sql("SELECT count(*) FROM contacts WHERE workspace_id = ?")
			.param(tenant.workspaceId())
			.query(Long.class)
			.single();
	}

	public CursorPage<Contact> list(Tenant tenant, String cursor, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		CursorPage.limit(limit, 1000);
		CursorPage.Position after = CursorPage.Position.parse(cursor);
		Timestamp before = after == null ? null : Timestamp.from(after.at());
		UUID beforeId = after == null ? null : after.id();
		List<Contact> rows = jdbc.sql("""
				SELECT * FROM contacts WHERE workspace_id = ?
				    AND (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid))
				ORDER BY created_at DESC, id DESC LIMIT ?""")
			.params(tenant.workspaceId(), before, before, beforeId, limit + 1)
			.query((rs, i) -> map(rs))
			.list();
		return CursorPage.of(rows, limit, row -> new CursorPage.Position(row.createdAt(), row.id()));
	}

	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		if (jdbc.sql("DELETE FROM contacts WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.update() == 0) {
			throw new NotFoundProblem("Contact");
		}
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
				rs.getString("country"), custom, List.of((String[]) tags.getArray()), rs.getString("status"),
				rs.getBoolean("role_address"), rs.getBoolean("disposable"), rs.getTimestamp("created_at").toInstant());
	}

	private static String text(String value) {
		return value == null ? "" : value.strip();
	}

}
