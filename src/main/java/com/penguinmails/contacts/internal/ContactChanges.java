package com.penguinmails.contacts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.penguinmails.contacts.Contact;
import com.penguinmails.shared.Tenant;

/**
 * What a change of a contact is in words, for {@code contact_changes} (V45): one row per
 * changed field ("company: Acme → Blue Harbor"), per tag added or removed, per list
 * joined or left, and the status as its label. Single-contact paths call it; bulk jobs
 * write {@link ContactChangeLog#record} themselves.
 */
@Component
public class ContactChanges {

	/** A change in words: its kind (see V45) and detail. */
	public record Words(String kind, String detail) {
	}

	/** Field names as people read them, in the order the patch is reported. */
	private static final Map<String, String> FIELD_NAMES = Map.ofEntries(Map.entry("email", "email"),
			Map.entry("firstName", "first name"), Map.entry("lastName", "last name"), Map.entry("company", "company"),
			Map.entry("title", "title"), Map.entry("phone", "phone"), Map.entry("website", "website"),
			Map.entry("linkedinUrl", "LinkedIn"), Map.entry("timeZone", "time zone"), Map.entry("country", "country"));

	private final ContactChangeLog log;

	private final JdbcClient jdbc;

	private final Clock clock;

	ContactChanges(ContactChangeLog log, JdbcClient jdbc, Clock clock) {
		this.log = log;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Records that the caller created a contact. */
	public void created(Tenant tenant, UUID contactId) {
		log.record(tenant.workspaceId(), List.of(contactId), "created", "", tenant.userId(), null, clock.instant());
	}

	/**
	 * Records each change between two states of one contact, in the caller's transaction.
	 */
	public void updated(Tenant tenant, Contact before, Contact after) {
		for (Words change : between(fields(before), fields(after))) {
			log.record(tenant.workspaceId(), List.of(after.id()), change.kind(), change.detail(), tenant.userId(), null,
					clock.instant());
		}
	}

	/**
	 * The names of what differs between two states of a contact, sorted: the API's field
	 * names, {@code custom.<key>} per custom field, {@code tags}, {@code status}.
	 */
	public static List<String> changedFields(Contact before, Contact after) {
		Map<String, Object> was = fields(before);
		Map<String, Object> now = fields(after);
		java.util.TreeSet<String> changed = new java.util.TreeSet<>();
		FIELD_NAMES.keySet()
			.stream()
			.filter(field -> !text(was.get(field)).equals(text(now.get(field))))
			.forEach(changed::add);
		Map<?, ?> customBefore = before.custom() == null ? Map.of() : before.custom();
		Map<?, ?> customAfter = after.custom() == null ? Map.of() : after.custom();
		Set<Object> keys = new LinkedHashSet<>(customBefore.keySet());
		keys.addAll(customAfter.keySet());
		keys.stream()
			.filter(key -> !text(customBefore.get(key)).equals(text(customAfter.get(key))))
			.forEach(key -> changed.add("custom." + key));
		if (!Objects.equals(was.get("tags"), now.get("tags"))) {
			changed.add("tags");
		}
		if (!text(was.get("status")).equals(text(now.get("status")))) {
			changed.add("status");
		}
		return List.copyOf(changed);
	}

	private static Map<String, Object> fields(Contact contact) {
		Map<String, Object> fields = new HashMap<>();
		fields.put("email", contact.email());
		fields.put("firstName", contact.firstName());
		fields.put("lastName", contact.lastName());
		fields.put("company", contact.company());
		fields.put("title", contact.title());
		fields.put("phone", contact.phone());
		fields.put("website", contact.website());
		fields.put("linkedinUrl", contact.linkedinUrl());
		fields.put("timeZone", contact.timeZone());
		fields.put("country", contact.country());
		fields.put("custom", contact.custom());
		fields.put("tags", contact.tags());
		fields.put("status", contact.status() == null ? "" : contact.status().label());
		return fields;
	}

	/**
	 * The changes between two states of a contact, given as the API's field names
	 * ({@code firstName}, {@code custom}, {@code tags}, {@code status} as its label).
	 */
	static List<Words> between(Map<String, Object> before, Map<String, Object> after) {
		List<Words> words = new ArrayList<>();
		FIELD_NAMES.keySet().stream().sorted().forEach(field -> {
			String was = text(before.get(field));
			String now = text(after.get(field));
			if (!was.equals(now)) {
				words.add(new Words("updated", FIELD_NAMES.get(field) + ": " + shown(was) + " → " + shown(now)));
			}
		});
		Map<?, ?> customBefore = before.get("custom") instanceof Map<?, ?> m ? m : Map.of();
		Map<?, ?> customAfter = after.get("custom") instanceof Map<?, ?> m ? m : Map.of();
		Set<Object> keys = new LinkedHashSet<>(customBefore.keySet());
		keys.addAll(customAfter.keySet());
		for (Object key : keys) {
			String was = text(customBefore.get(key));
			String now = text(customAfter.get(key));
			if (!was.equals(now)) {
				words.add(new Words("updated", key + ": " + shown(was) + " → " + shown(now)));
			}
		}
		List<?> tagsBefore = before.get("tags") instanceof List<?> l ? l : List.of();
		List<?> tagsAfter = after.get("tags") instanceof List<?> l ? l : List.of();
		tagsAfter.stream()
			.filter(tag -> !tagsBefore.contains(tag))
			.forEach(tag -> words.add(new Words("tag_added", text(tag))));
		tagsBefore.stream()
			.filter(tag -> !tagsAfter.contains(tag))
			.forEach(tag -> words.add(new Words("tag_removed", text(tag))));
		String statusBefore = text(before.get("status"));
		String statusAfter = text(after.get("status"));
		if (!statusBefore.equals(statusAfter)) {
			words.add(new Words("status", statusBefore + " → " + statusAfter));
		}
		return words;
	}

	/**
	 * Records "joined list X" for those of {@code contactIds} not in the list yet: call
	 * before adding them.
	 */
	public void joining(Tenant tenant, UUID listId, List<UUID> contactIds) {
		membership(tenant, listId, contactIds, "list_added", "NOT EXISTS");
	}

	/**
	 * Records "left list X" for those of {@code contactIds} in the list: call before
	 * removing them.
	 */
	public void leaving(Tenant tenant, UUID listId, List<UUID> contactIds) {
		membership(tenant, listId, contactIds, "list_removed", "EXISTS");
	}

	private void membership(Tenant tenant, UUID listId, List<UUID> contactIds, String kind, String member) {
		if (contactIds.isEmpty()) {
			return;
		}
		jdbc.sql("""
				INSERT INTO contact_changes (workspace_id, contact_id, kind, detail, actor_user_id, occurred_at)
				SELECT c.workspace_id, c.id, ?, l.name, ?, ? FROM contacts c JOIN contact_lists l ON l.id = ?
				    AND l.workspace_id = c.workspace_id
				WHERE c.workspace_id = ? AND c.id = ANY (?)""" + " AND " + member
				+ " (SELECT 1 FROM contact_list_members m WHERE m.list_id = l.id AND m.contact_id = c.id)")
			.params(kind, tenant.userId(), Timestamp.from(clock.instant()), listId, tenant.workspaceId(),
					contactIds.toArray(UUID[]::new))
			.update();
	}

	private static String text(Object value) {
		return Objects.toString(value, "").strip();
	}

	private static String shown(String value) {
		return value.isEmpty() ? "(empty)" : value;
	}

}
