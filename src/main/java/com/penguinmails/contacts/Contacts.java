package com.penguinmails.contacts;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.internal.ContactFields;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.EmailAddresses;
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

	/** The statuses a contact can have. */
	public static final List<String> STATUSES = List.of("active", "unsubscribed", "bounced", "complained");

	/** Patchable fields: JSON name → column. */
	private static final Map<String, String> TEXT_FIELDS = Map.of("firstName", "first_name", "lastName", "last_name",
			"company", "company", "title", "title", "phone", "phone", "website", "website", "linkedinUrl",
			"linkedin_url", "timeZone", "time_zone", "country", "country");

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final CustomFields fields;

	private final LeadScoring scoring;

	private final Suppressions suppressions;

	Contacts(JdbcClient jdbc, ObjectMapper json, CustomFields fields, LeadScoring scoring, Suppressions suppressions) {
		this.jdbc = jdbc;
		this.json = json;
		this.fields = fields;
		this.scoring = scoring;
		this.suppressions = suppressions;
	}

	@Transactional
	public Contact create(Tenant tenant, NewContact contact) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		String email = checkedEmail(tenant.workspaceId(), contact.email());
		for (String field : List.of("firstName", "lastName", "company", "title", "phone", "website", "linkedinUrl",
				"country")) {
			checkLength(field, switch (field) {
				case "firstName" -> contact.firstName();
				case "lastName" -> contact.lastName();
				case "company" -> contact.company();
				case "title" -> contact.title();
				case "phone" -> contact.phone();
				case "website" -> contact.website();
				case "linkedinUrl" -> contact.linkedinUrl();
				default -> contact.country();
			});
		}
		checkTimeZone(contact.timeZone());
		Map<String, Object> custom = fields.coerce(tenant.workspaceId(), contact.custom(), false);
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
						json.writeValueAsString(custom), tags(contact.tags()), ContactFields.roleAddress(email),
						ContactFields.disposable(email))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "contact-exists", email + " is already a contact.");
		}
		catch (JsonProcessingException ex) {
			throw new InvalidInputProblem("invalid-custom", "Custom fields must be simple values.");
		}
		scoring.rescore(tenant.workspaceId(), id);
		return get(tenant, id);
	}

	/**
	 * For other features (a stray bounce): the id of the workspace's contact with this
	 * address, compared without regard to case, or empty when there is none.
	 */
	public java.util.Optional<UUID> idByEmail(UUID workspaceId, String email) {
		return jdbc.sql("SELECT id FROM contacts WHERE workspace_id = ? AND lower(email) = lower(?)")
			.params(workspaceId, email)
			.query(UUID.class)
			.optional();
	}

	/**
	 * For other features (unsubscribes, bounces, complaints): sets a contact's status,
	 * which suppresses its address as {@link #update} does; false when the contact was
	 * deleted since (the caller's own suppression is then what counts).
	 */
	@Transactional
	public boolean markStatus(UUID workspaceId, UUID contactId, String status) {
		try {
			update(Tenant.system(workspaceId), contactId, Map.of("status", status));
			return true;
		}
		catch (NotFoundProblem ex) {
			return false;
		}
	}

	/**
	 * Changes the fields present in {@code patch} (JSON merge patch: absent fields stay,
	 * {@code custom} is merged key by key and a {@code null} value removes a key,
	 * {@code tags} is replaced). Setting the status to unsubscribed, bounced or
	 * complained also suppresses the address.
	 */
	@Transactional
	public Contact update(Tenant tenant, UUID id, Map<String, Object> patch) {
		tenant.require(WorkspaceRole.MEMBER, "contacts:write");
		Contact current = get(tenant, id);
		if (patch == null || patch.isEmpty()) {
			return current;
		}
		List<String> sets = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		String suppressAs = null;
		for (Map.Entry<String, Object> entry : patch.entrySet()) {
			String key = entry.getKey();
			Object value = entry.getValue();
			if (TEXT_FIELDS.containsKey(key)) {
				String text = value == null ? "" : value.toString().strip();
				checkLength(key, text);
				if (key.equals("timeZone")) {
					checkTimeZone(text);
				}
				sets.add(TEXT_FIELDS.get(key) + " = ?");
				params.add(text);
			}
			else if (key.equals("email")) {
				String email = value == null ? "" : value.toString().strip();
				if (!email.equalsIgnoreCase(current.email())) {
					email = checkedEmail(tenant.workspaceId(), email);
				}
				sets.add("email = ?, role_address = ?, disposable = ?, mx_found = NULL");
				params.addAll(List.of(email, ContactFields.roleAddress(email), ContactFields.disposable(email)));
			}
			else if (key.equals("custom")) {
				if (value != null && !(value instanceof Map)) {
					throw new InvalidInputProblem("invalid-custom", "custom is an object of field: value.");
				}
				@SuppressWarnings("unchecked")
				Map<String, Object> changes = fields.coerce(tenant.workspaceId(), (Map<String, Object>) value, true);
				Map<String, Object> merged = new LinkedHashMap<>(current.custom());
				changes.forEach((field, v) -> {
					if (v == null) {
						merged.remove(field);
					}
					else {
						merged.put(field, v);
					}
				});
				sets.add("custom = ?::jsonb");
				params.add(write(merged));
			}
			else if (key.equals("tags")) {
				if (value != null && !(value instanceof List)) {
					throw new InvalidInputProblem("invalid-tags", "tags is a list of strings.");
				}
				@SuppressWarnings("unchecked")
				List<Object> list = value == null ? List.of() : (List<Object>) value;
				if (!list.stream().allMatch(String.class::isInstance)) {
					throw new InvalidInputProblem("invalid-tags", "tags is a list of strings.");
				}
				sets.add("tags = ?");
				params.add(tags(list.stream().map(String::valueOf).toList()));
			}
			else if (key.equals("status")) {
				String status = value == null ? "" : value.toString().strip().toLowerCase(Locale.ROOT);
				if (!STATUSES.contains(status)) {
					throw new InvalidInputProblem("invalid-status", "status is one of " + STATUSES + ".");
				}
				sets.add("status = ?");
				params.add(status);
				suppressAs = switch (status) {
					case "unsubscribed" -> "unsubscribed";
					case "bounced" -> "hard_bounce";
					case "complained" -> "complaint";
					default -> null;
				};
			}
			else {
				throw new InvalidInputProblem("unknown-field", "Unknown contact field: " + key);
			}
		}
		params.addAll(List.of(tenant.workspaceId(), id));
		try {
			jdbc.sql("UPDATE contacts SET " + String.join(", ", sets)
					+ ", updated_at = now() WHERE workspace_id = ? AND id = ?")
				.params(params)
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "contact-exists",
					patch.get("email") + " is already a contact.");
		}
		Contact updated = get(tenant, id);
		if (suppressAs != null) {
			suppressions.suppress(tenant.workspaceId(), updated.email(), suppressAs);
		}
		scoring.rescore(tenant.workspaceId(), id);
		return get(tenant, id);
	}

	/**
	 * Every stored field of a contact with its lists, for a GDPR export (other features
	 * add their own parts).
	 */
	Map<String, Object> export(UUID workspaceId, UUID contactId) {
		Map<String, Object> export = new LinkedHashMap<>();
		jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND id = ?")
			.params(workspaceId, contactId)
			.query((rs, i) -> map(rs))
			.optional()
			.ifPresent(contact -> {
				export.put("contact", contact);
				export.put("lists",
						jdbc.sql("""
								SELECT l.name FROM contact_lists l JOIN contact_list_members m ON m.list_id = l.id
								WHERE l.workspace_id = ? AND m.contact_id = ? ORDER BY l.name""")
							.params(workspaceId, contactId)
							.query(String.class)
							.list());
				export.put("suppressions", suppressions.entriesFor(workspaceId, contact.email()));
			});
		return export;
	}

	/**
	 * Erases a contact: the row and its list memberships go, and the address stays
	 * suppressed by its hash alone, so it is neither mailed nor imported again.
	 */
	void erase(UUID workspaceId, UUID contactId) {
		String email = jdbc.sql("DELETE FROM contacts WHERE workspace_id = ? AND id = ? RETURNING email")
			.params(workspaceId, contactId)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundProblem("Contact"));
		suppressions.erase(workspaceId, email);
	}

	private String checkedEmail(UUID workspaceId, String value) {
		String email;
		try {
			// Stored in normal form: an IDN domain as its lower-case A-label.
			email = EmailAddresses.normalize(value);
		}
		catch (EmailAddresses.InvalidEmailAddress ex) {
			throw new InvalidInputProblem("invalid-email", "Not a valid email address: " + ex.getMessage());
		}
		if (suppressions.isErased(workspaceId, email)) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "contact-erased",
					"This address was erased at the person's request and cannot be added again.");
		}
		return email;
	}

	private static void checkLength(String field, String value) {
		if (value != null && value.length() > 500) {
			throw new InvalidInputProblem("invalid-" + field, field + " is longer than 500 characters.");
		}
	}

	private static void checkTimeZone(String zone) {
		if (zone != null && !zone.isBlank() && !ZoneId.getAvailableZoneIds().contains(zone.strip())) {
			throw new InvalidInputProblem("invalid-time-zone",
					"Unknown time zone: " + zone + " (use an IANA name such as Europe/Paris).");
		}
	}

	private static String[] tags(List<String> tags) {
		if (tags == null) {
			return new String[0];
		}
		if (tags.stream().anyMatch(java.util.Objects::isNull)) {
			throw new InvalidInputProblem("invalid-tags", "A tag is a string, never null.");
		}
		List<String> cleaned = tags.stream()
			.map(t -> t.strip().toLowerCase(Locale.ROOT))
			.filter(t -> !t.isEmpty())
			.distinct()
			.toList();
		String problem = ContactFields.tagsProblem(cleaned);
		if (problem != null) {
			throw new InvalidInputProblem("invalid-tags", "Tags: " + problem + ".");
		}
		return cleaned.toArray(String[]::new);
	}

	private String write(Map<String, Object> value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new InvalidInputProblem("invalid-custom", "Custom fields must be simple values.");
		}
	}

	public Contact get(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND id = ?")
			.params(tenant.workspaceId(), id)
			.query((rs, i) -> map(rs))
			.optional()
			.orElseThrow(() -> new NotFoundProblem("Contact"));
	}

	/** Contacts of the workspace by id (ids of other workspaces are ignored), by id. */
	/**
	 * The ids among {@code ids} that are not contacts of the caller's workspace (unknown,
	 * erased, or another workspace's), in the order given; for bulk requests, which
	 * refuse them with {@link com.penguinmails.shared.UnknownIdsProblem}. No caller role
	 * is involved: it says only which ids are not there.
	 */
	public List<UUID> missing(UUID workspaceId, java.util.Collection<UUID> ids) {
		return missing(jdbc, workspaceId, ids);
	}

	static List<UUID> missing(JdbcClient jdbc, UUID workspaceId, java.util.Collection<UUID> ids) {
		UUID[] given = ids.stream().filter(java.util.Objects::nonNull).distinct().toArray(UUID[]::new);
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

	public Map<UUID, Contact> byIds(Tenant tenant, java.util.Collection<UUID> ids) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		Map<UUID, Contact> found = new java.util.HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND id = ANY (?)")
			.params(tenant.workspaceId(), ids.toArray(UUID[]::new))
			.query((rs, i) -> map(rs))
			.list()
			.forEach(contact -> found.put(contact.id(), contact));
		return found;
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

	/** Contacts whose email contains {@code query} (any case), at most 20: pickers. */
	public List<Contact> search(Tenant tenant, String query) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		String like = "%"
				+ (query == null ? "" : query.strip()).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
				+ "%";
		return jdbc.sql("SELECT * FROM contacts WHERE workspace_id = ? AND email ILIKE ? ORDER BY email LIMIT 20")
			.params(tenant.workspaceId(), like)
			.query((rs, i) -> map(rs))
			.list();
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
				rs.getBoolean("role_address"), rs.getBoolean("disposable"), rs.getInt("score"),
				(Boolean) rs.getObject("mx_found"), rs.getTimestamp("created_at").toInstant());
	}

	private static String text(String value) {
		return value == null ? "" : value.strip();
	}

}
