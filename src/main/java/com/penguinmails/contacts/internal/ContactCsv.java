package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.penguinmails.contacts.Contact;
import com.penguinmails.shared.CsvRows;

/**
 * The CSV of an export of contacts: one row per contact with every standard field, the
 * status and score, the tags and list names (each joined by {@code ;}) and one column per
 * custom field ({@code custom.<key>}). Cells go through {@link CsvRows#line} (RFC 4180,
 * formula-safe); the header names match the import's, so an export imports again.
 */
public final class ContactCsv {

	private static final List<String> STANDARD = List.of("email", "first_name", "last_name", "company", "title",
			"phone", "website", "linkedin_url", "time_zone", "country", "status", "score", "tags", "lists",
			"created_at", "id");

	private ContactCsv() {
	}

	/** The header line for these custom field keys. */
	public static String header(List<String> customKeys) {
		List<Object> names = new ArrayList<>(STANDARD);
		customKeys.forEach(key -> names.add("custom." + key));
		return CsvRows.line(names.toArray());
	}

	/** Writes one line per contact, in the order given. */
	public static void write(Writer out, Collection<Contact> contacts, Map<UUID, List<String>> lists,
			List<String> customKeys) throws IOException {
		for (Contact c : contacts) {
			List<Object> cells = new ArrayList<>(
					java.util.Arrays.asList(c.email(), c.firstName(), c.lastName(), c.company(), c.title(), c.phone(),
							c.website(), c.linkedinUrl(), c.timeZone(), c.country(), c.status().value(), c.score(),
							String.join(";", c.tags()), String.join(";", lists.getOrDefault(c.id(), List.of())),
							c.createdAt().toString(), c.id().toString()));
			for (String key : customKeys) {
				Object value = c.custom().get(key);
				cells.add(value == null ? "" : value.toString());
			}
			out.write(CsvRows.line(cells.toArray()));
		}
	}

}
