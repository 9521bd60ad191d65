package com.penguinmails.contacts.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactFilter;
import com.penguinmails.contacts.ContactSort;
import com.penguinmails.contacts.ContactTable.Column;
import com.penguinmails.shared.EmailAddresses;

/**
 * The links and cell texts of one rendering of the contacts table: every link keeps the
 * filter, the sort and a {@code columns} override (query parameters skipped when empty).
 *
 * @param columnsParam the {@code columns} query parameter as given, or null
 */
public record ContactTableView(ContactFilter filter, ContactSort sort, String columnsParam) {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	/**
	 * The table sorted by a column: its own direction toggles, another starts ascending.
	 */
	public String sortLink(Column column) {
		boolean toggle = column.sort().equals(sort.key());
		String dir = toggle ? (sort.descending() ? "asc" : "desc")
				: (column.sort().equals("created_at") || column.sort().equals("score") ? "desc" : "asc");
		return builder(false).queryParam("sort", column.sort()).queryParam("dir", dir).build().encode().toUriString();
	}

	/** {@code ascending}, {@code descending} or {@code none}, for {@code aria-sort}. */
	public String ariaSort(Column column) {
		if (column.sort() == null || !column.sort().equals(sort.key())) {
			return "none";
		}
		return sort.descending() ? "descending" : "ascending";
	}

	/** The page a cursor names, same filter and sort. */
	public String page(String cursor) {
		return withSort(builder(false)).queryParam("cursor", cursor).build().encode().toUriString();
	}

	/** This view from its first page, counting every matching contact exactly. */
	public String exactCount() {
		return withSort(builder(false)).queryParam("count", "exact").build().encode().toUriString();
	}

	/** This view from its first page, without a {@code columns} override. */
	public String withoutColumns() {
		return withSort(builder(true)).build().encode().toUriString();
	}

	/** The table without filters (sort and columns kept). */
	public String clearLink() {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/contacts");
		if (columnsParam != null) {
			uri.queryParam("columns", columnsParam);
		}
		return withSort(uri).build().encode().toUriString();
	}

	/** The address as a person reads it (the domain's U-labels). */
	public String email(Contact contact) {
		return EmailAddresses.toUnicode(contact.email());
	}

	/** The text of a plain cell (not email, name, tags or status). */
	public String text(Contact contact, Column column) {
		String key = column.key();
		if (key.startsWith("custom.")) {
			Object value = contact.custom() == null ? null : contact.custom().get(key.substring(7));
			if (value instanceof Boolean flag) {
				return flag ? "yes" : "no";
			}
			return value == null ? "" : value.toString();
		}
		return switch (key) {
			case "first_name" -> contact.firstName();
			case "last_name" -> contact.lastName();
			case "company" -> contact.company();
			case "title" -> contact.title();
			case "phone" -> contact.phone();
			case "country" -> contact.country();
			case "score" -> String.valueOf(contact.score());
			case "created_at" -> contact.createdAt() == null ? "" : DAY.format(contact.createdAt());
			default -> "";
		};
	}

	/** The column keys shown, comma separated. */
	static String keys(List<Column> columns) {
		return String.join(",", columns.stream().map(Column::key).toList());
	}

	private UriComponentsBuilder withSort(UriComponentsBuilder uri) {
		if (!sort.equals(ContactSort.DEFAULT)) {
			uri.queryParam("sort", sort.key()).queryParam("dir", sort.dir());
		}
		return uri;
	}

	private UriComponentsBuilder builder(boolean dropColumns) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/contacts");
		add(uri, "q", filter.q());
		add(uri, "list", filter.listId());
		add(uri, "tag", filter.tag());
		add(uri, "status", filter.status() == null ? null : filter.status().value());
		add(uri, "segment", filter.segmentId());
		if (!dropColumns) {
			add(uri, "columns", columnsParam);
		}
		return uri;
	}

	private static void add(UriComponentsBuilder uri, String name, Object value) {
		if (value != null && !(value instanceof String text && text.isBlank())) {
			uri.queryParam(name, value instanceof UUID id ? id.toString() : value);
		}
	}

}
