package com.penguinmails.contacts;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.internal.ContactCursor;
import com.penguinmails.contacts.internal.ContactOrder;
import com.penguinmails.contacts.internal.ContactPageRepository;
import com.penguinmails.contacts.internal.ContactPageRepository.Counted;
import com.penguinmails.contacts.internal.ContactPageRepository.Row;
import com.penguinmails.contacts.internal.ContactTableRepository;
import com.penguinmails.contacts.internal.SegmentCompiler.Compiled;
import com.penguinmails.shared.CursorPage;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The contacts table of a workspace: keyset pages of the contacts a {@link ContactFilter}
 * selects in a {@link ContactSort}'s order, the columns each member chose, and what its
 * filter bar offers (tags in use, segments).
 */
@Service
public class ContactTable {

	/**
	 * A column of the table.
	 *
	 * @param key {@code email}, {@code name}, ... or {@code custom.<key>}
	 * @param label the header people read
	 * @param sort the {@link ContactSort} key its header sorts by, or null
	 */
	public record Column(String key, String label, String sort) {
	}

	/** The columns shown until a member chooses. */
	public static final List<String> DEFAULT_COLUMNS = List.of("email", "name", "company", "tags", "score", "status");

	private static final List<Column> STANDARD_COLUMNS = List.of(new Column("email", "Email", "email"),
			new Column("name", "Name", "last_name"), new Column("first_name", "First name", "first_name"),
			new Column("last_name", "Last name", "last_name"), new Column("company", "Company", "company"),
			new Column("title", "Title", "title"), new Column("phone", "Phone", null),
			new Column("country", "Country", null), new Column("tags", "Tags", null),
			new Column("score", "Score", "score"), new Column("status", "Status", "status"),
			new Column("created_at", "Added", "created_at"));

	private final ContactSelection selection;

	private final ContactPageRepository pages;

	private final ContactTableRepository repository;

	private final CustomFields fields;

	private final Contacts contacts;

	private final Clock clock;

	private final TagsInUse tags;

	ContactTable(ContactSelection selection, ContactPageRepository pages, ContactTableRepository repository,
			CustomFields fields, Contacts contacts, TagsInUse tags, Clock clock) {
		this.selection = selection;
		this.pages = pages;
		this.repository = repository;
		this.fields = fields;
		this.contacts = contacts;
		this.tags = tags;
		this.clock = clock;
	}

	/**
	 * What the contacts page shows: a page of rows and the counts, each counted at most
	 * up to {@link ContactCount#LIMIT} unless asked for exactly.
	 *
	 * @param page the rows (its {@code total} is left out)
	 * @param matching how many contacts match the filter
	 * @param total how many contacts the workspace has
	 */
	public record View(ContactPage page, ContactCount matching, ContactCount total) {
	}

	/**
	 * A page of the matching contacts.
	 * @param cursor a cursor of an earlier page with the same sort (or, for the default
	 * sort, the older {@code <instant>_<uuid>} form), or null for the first page
	 * @param limit 1 to 1,000
	 * @param withTotal whether to count the matching contacts exactly (one more query,
	 * which reads every matching row)
	 * @throws InvalidInputProblem {@code invalid-limit}, {@code invalid-cursor},
	 * {@code invalid-sort}, {@code short-query} (a search of words under 3 letters in a
	 * workspace of over {@link ContactCount#LIMIT} contacts); a
	 * {@link com.penguinmails.shared.NotFoundProblem} for a segment that is not the
	 * workspace's
	 */
	@Transactional(readOnly = true)
	public ContactPage page(Tenant tenant, ContactFilter filter, ContactSort sort, String cursor, int limit,
			boolean withTotal) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		pages.planForValues();
		CursorPage.limit(limit, 1000);
		requireSearchable(filter, () -> selection.countUpToLimit(tenant, ContactFilter.all()));
		Compiled where = selection.where(tenant, filter);
		Long total = withTotal ? selection.count(where) : null;
		ContactCount matching = total != null ? new ContactCount(total, false) : null;
		return rows(tenant, filter, where, sort, cursor, limit, matching, total).page();
	}

	/**
	 * The contacts page: a page of the matching contacts and how many match of how many
	 * the workspace has, counted up to {@link ContactCount#LIMIT} (or exactly).
	 * @param exact count every matching contact (and the workspace's) exactly
	 * @throws InvalidInputProblem as {@link #page}
	 */
	@Transactional(readOnly = true)
	public View view(Tenant tenant, ContactFilter filter, ContactSort sort, String cursor, int limit, boolean exact) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		pages.planForValues();
		CursorPage.limit(limit, 1000);
		ContactCount total = exact ? new ContactCount(contacts.count(tenant), false)
				: selection.countUpToLimit(tenant, ContactFilter.all());
		requireSearchable(filter, () -> total);
		Compiled where = selection.where(tenant, filter);
		ContactCount matching = filter.isEmpty() ? total
				: exact ? new ContactCount(selection.count(where), false) : null;
		Rows rows = rows(tenant, filter, where, sort, cursor, limit, matching, null);
		return new View(rows.page(), rows.matching(), total);
	}

	/**
	 * @param matching how many match, when counted (null when there is nothing to count)
	 */
	private record Rows(ContactPage page, ContactCount matching) {
	}

	/**
	 * @param matching how many match when counted already, else null (then counted up to
	 * the limit when the filter is not empty, to choose the query's plan)
	 */
	private Rows rows(Tenant tenant, ContactFilter filter, Compiled where, ContactSort sort, String cursor, int limit,
			ContactCount matching, Long total) {
		ContactOrder order = ContactOrder.of(sort, fields.types(tenant.workspaceId()));
		ContactCursor at = cursor(cursor, sort);
		if (matching == null && !filter.isEmpty()) {
			// Few matches (a counted ContactCount under its limit) are read first by the
			// filter's own indexes, counted and sorted in one query.
			Counted first = pages.firstMatches(where, order, sort.descending(), at, limit + 1, ContactCount.LIMIT + 1L);
			matching = ContactCount.upTo(first.matched());
			if (!matching.atLeast()) {
				return new Rows(page(sort, at, first.rows(), limit, total), matching);
			}
		}
		boolean few = matching != null && !matching.atLeast() && matching.value() <= ContactCount.LIMIT
				&& !filter.isEmpty();
		if (!few && filter.q() != null) {
			// Over 10,000 matches a page is found within the first few thousand rows of
			// the sort's index; the planner, left the trigram index, may read all
			// matches.
			where = selection.where(tenant, filter, false);
		}
		return new Rows(page(sort, at, pages.page(where, order, sort.descending(), at, limit + 1, few), limit, total),
				matching);
	}

	/**
	 * A page of at most {@code limit} of {@code read} (one more tells there are more).
	 */
	private static ContactPage page(ContactSort sort, ContactCursor at, List<Row> read, int limit, Long total) {
		List<Row> rows = new ArrayList<>(read);
		boolean more = rows.size() > limit;
		if (more) {
			rows = new ArrayList<>(rows.subList(0, limit));
		}
		String next;
		String previous;
		if (at != null && at.backwards()) {
			Collections.reverse(rows);
			next = rows.isEmpty() ? null : position(sort, rows.get(rows.size() - 1), false);
			previous = more ? position(sort, rows.get(0), true) : null;
		}
		else {
			next = more ? position(sort, rows.get(rows.size() - 1), false) : null;
			previous = at != null && !rows.isEmpty() ? position(sort, rows.get(0), true) : null;
		}
		return new ContactPage(rows.stream().map(Row::contact).toList(), next, previous, total);
	}

	/**
	 * A search whose words are all under 3 letters has no trigram to look up, so it reads
	 * every contact: fine for a small workspace, refused over {@link ContactCount#LIMIT}.
	 */
	private static void requireSearchable(ContactFilter filter, Supplier<ContactCount> workspace) {
		if (filter.q() == null || filter.q().isBlank()) {
			return;
		}
		for (String word : filter.q().strip().split("\\s+")) {
			if (word.codePointCount(0, word.length()) >= 3) {
				return;
			}
		}
		if (workspace.get().atLeast()) {
			throw new InvalidInputProblem("short-query", "Type at least 3 letters to search more than "
					+ ContactCount.upTo(ContactCount.LIMIT).text() + " contacts.");
		}
	}

	/** The standard columns, then one per custom field ({@code custom.<key>}). */
	public List<Column> available(Tenant tenant) {
		List<Column> columns = new ArrayList<>(STANDARD_COLUMNS);
		for (CustomFields.Field field : fields.list(tenant)) {
			columns.add(new Column("custom." + field.key(), field.label(), "custom." + field.key()));
		}
		return columns;
	}

	/**
	 * The columns to show: {@code override} (the {@code columns} query parameter, comma
	 * separated keys) when given, else the member's saved choice (columns of fields
	 * deleted since are left out), else {@link #DEFAULT_COLUMNS}.
	 * @throws InvalidInputProblem {@code invalid-columns} for an override naming no
	 * column
	 */
	public List<Column> columns(Tenant tenant, String override) {
		Map<String, Column> available = byKey(available(tenant));
		if (override != null && !override.isBlank()) {
			return pick(available, Arrays.asList(override.split(",")), true);
		}
		List<String> saved = tenant.userId() == null ? List.of()
				: repository.columns(tenant.workspaceId(), tenant.userId())
					.map(text -> Arrays.asList(text.split(",")))
					.orElse(List.of());
		List<Column> chosen = pick(available, saved, false);
		return chosen.isEmpty() ? pick(available, DEFAULT_COLUMNS, false) : chosen;
	}

	/**
	 * Remembers the member's columns for this workspace.
	 * @param keys column keys in the order to show them, at least one
	 * @throws InvalidInputProblem {@code invalid-columns} for an unknown key or none
	 */
	public List<Column> saveColumns(Tenant tenant, List<String> keys) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		List<Column> chosen = pick(byKey(available(tenant)), keys == null ? List.of() : keys, true);
		if (tenant.userId() != null) {
			repository.saveColumns(tenant.workspaceId(), tenant.userId(),
					String.join(",", chosen.stream().map(Column::key).toList()), clock.instant());
		}
		return chosen;
	}

	/**
	 * The tags the workspace's contacts carry, alphabetical (at most 500); read in the
	 * background at most once a minute per workspace, as it reads every contact.
	 */
	public List<String> tagsInUse(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return tags.of(tenant.workspaceId());
	}

	/** Id → name of the workspace's segments, by name. */
	public Map<UUID, String> segmentNames(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "contacts:read");
		return repository.segmentNames(tenant.workspaceId());
	}

	private static ContactCursor cursor(String cursor, ContactSort sort) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		if (sort.equals(ContactSort.DEFAULT) && Character.isDigit(cursor.charAt(0)) && cursor.contains("_")) {
			// The cursor of the API before issue 16: <instant>_<uuid>, newest first.
			CursorPage.Position position = CursorPage.Position.parse(cursor);
			return new ContactCursor(sort.key(), true, false, position.at().toString(), position.id());
		}
		ContactCursor decoded = ContactCursor.decode(cursor);
		if (!decoded.sort().equals(sort.key()) || decoded.descending() != sort.descending()) {
			throw new InvalidInputProblem("invalid-cursor",
					"The cursor belongs to another sort order: start again from the first page.");
		}
		return decoded;
	}

	private static String position(ContactSort sort, Row row, boolean backwards) {
		return new ContactCursor(sort.key(), sort.descending(), backwards, row.sortValue(), row.contact().id())
			.encode();
	}

	private static Map<String, Column> byKey(List<Column> columns) {
		Map<String, Column> map = new LinkedHashMap<>();
		columns.forEach(column -> map.put(column.key(), column));
		return map;
	}

	private static List<Column> pick(Map<String, Column> available, List<String> keys, boolean strict) {
		List<Column> chosen = new ArrayList<>();
		for (String key : keys) {
			if (key == null || key.isBlank()) {
				continue;
			}
			Column column = available.get(key.strip());
			if (column == null && strict) {
				throw new InvalidInputProblem("invalid-columns", "Unknown column '" + key.strip() + "'; columns are "
						+ String.join(", ", available.keySet()) + ".");
			}
			if (column != null && !chosen.contains(column)) {
				chosen.add(column);
			}
		}
		if (strict && chosen.isEmpty()) {
			throw new InvalidInputProblem("invalid-columns", "Choose at least one column.");
		}
		return chosen;
	}

}
