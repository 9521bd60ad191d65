package com.penguinmails.contacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contacts table over {@link ContactCount#LIMIT} contacts: counts stop at "10,000+"
 * unless asked for exactly, a search of only short words is refused rather than reading
 * every contact, and a few matches (read first, then sorted) page like a broad filter
 * (the sort's index walked).
 */
@IntegrationTest
class ContactTableCountTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ContactTable table;

	@Autowired
	ContactSelection selection;

	@Autowired
	CustomFields fields;

	/**
	 * 10,500 contacts: every 100th tagged "rare" (105), all but 105 "many" (10,395); a
	 * score of 0 to 9 and, on odd ones, a number in the custom field seats.
	 */
	private Account seeded(String name) {
		Account account = fixtures.verifiedAccount(name);
		fixtures.jdbc().sql("""
				INSERT INTO contacts (id, workspace_id, email, first_name, last_name, company, title, custom, tags,
				    score, created_at, updated_at)
				SELECT gen_random_uuid(), ?, 'p' || g || '@acme' || (g % 7) || '.test', 'Pat', 'Lee' || g,
				    CASE WHEN g % 100 = 0 THEN 'Zephyr Works' ELSE 'Acme' END, 'UX Designer',
				    CASE WHEN g % 2 = 1 THEN jsonb_build_object('seats', g % 13) ELSE '{}'::jsonb END,
				    CASE WHEN g % 100 = 0 THEN ARRAY['rare', 'many'] WHEN g % 100 = 1 THEN ARRAY[]::text[]
				        ELSE ARRAY['many'] END,
				    g % 10, now() - g * interval '1 minute', now()
				FROM generate_series(1, 10500) g""").param(account.workspaceId()).update();
		fields.define(account.owner(), "seats", "number");
		return account;
	}

	@Test
	void thePageCountsUpToTenThousandAndExactlyOnRequest() throws Exception {
		Account account = seeded("table-count-page");
		WebSession session = fixtures.signedIn(account);
		String page = session.get("/contacts").getResponse().getContentAsString();
		assertThat(page).contains("10,000+</span> contacts").contains("id=\"count-exactly\"");
		assertThat(session.get("/contacts?count=exact").getResponse().getContentAsString())
			.contains("10,500</span> contacts")
			.doesNotContain("id=\"count-exactly\"");
		String rare = session.get("/contacts?tag=rare").getResponse().getContentAsString();
		assertThat(rare).contains("<strong>105</strong> of").contains("10,000+");
		// The bulk bar offers all of them, saying the count stopped (the job counts
		// exactly).
		assertThat(session.get("/contacts?tag=many").getResponse().getContentAsString())
			.contains("id=\"bulk-matching\">10,000+</strong>");
		assertThat(selection.count(account.owner(), new ContactFilter(null, null, "many", null, null)))
			.isEqualTo(10395);
	}

	@Test
	void theApiCountsExactlyWhenAskedAndRefusesShortWordsAloneAsAProblem() throws Exception {
		Account account = seeded("table-count-api");
		Api api = fixtures.api(account, "contacts:read");
		assertThat(api.get("/api/v1/contacts", "total", "true").body().get("total").asLong()).isEqualTo(10500);
		Api.Response refused = api.get("/api/v1/contacts", "q", "ux");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.raw().getContentType()).startsWith("application/problem+json");
		assertThat(refused.body().get("detail").asText()).contains("at least 3 letters");
		// Beside a longer word a short one narrows its matches.
		Api.Response narrowed = api.get("/api/v1/contacts", "q", "ux zephyr", "total", "true");
		assertThat(narrowed.status()).isEqualTo(200);
		assertThat(narrowed.body().get("total").asLong()).isEqualTo(105);
		WebSession session = fixtures.signedIn(account);
		assertThat(session.get("/contacts?q=ux").getResponse().getContentAsString())
			.contains("Type at least 3 letters");
	}

	@Test
	void fewMatchesAndBroadFiltersPageTheSameWayBothDirections() {
		Account account = seeded("table-count-keyset");
		for (String tag : List.of("rare", "many")) {
			ContactFilter filter = new ContactFilter(null, null, tag, null, null);
			// Indexed orders walk an index over a broad filter; score and custom fields
			// sort every match by id and key, then read the page's rows.
			for (ContactSort sort : List.of(ContactSort.DEFAULT, ContactSort.of("email", "asc"),
					ContactSort.of("status", "desc"), ContactSort.of("score", "desc"),
					ContactSort.of("custom.seats", "asc"))) {
				List<UUID> seen = new ArrayList<>();
				List<String> cursors = new ArrayList<>();
				String cursor = null;
				int pages = 0;
				do {
					ContactPage page = table.page(account.owner(), filter, sort, cursor, 40, false);
					page.data().forEach(contact -> seen.add(contact.id()));
					cursors.add(cursor);
					cursor = page.nextCursor();
					pages++;
				}
				while (cursor != null && pages < 4);
				assertThat(new HashSet<>(seen)).as(tag + " " + sort.key()).hasSize(seen.size());
				assertInOrder(account, sort, seen);
				assertThat(seen).hasSize(tag.equals("rare") ? 105 : 160);
				// Back from the last page read gives the page before it again.
				ContactPage last = table.page(account.owner(), filter, sort, cursors.get(cursors.size() - 1), 40,
						false);
				ContactPage back = table.page(account.owner(), filter, sort, last.previousCursor(), 40, false);
				assertThat(back.data().stream().map(Contact::id).toList())
					.isEqualTo(seen.subList(seen.size() - last.data().size() - 40, seen.size() - last.data().size()));
			}
		}
	}

	/** The ids are in the sort's order, as one query sorting every contact says. */
	private void assertInOrder(Account account, ContactSort sort, List<UUID> seen) {
		String key = switch (sort.key()) {
			case "custom.seats" -> "(custom ->> 'seats')::numeric";
			case "email" -> "lower(email)";
			default -> sort.key();
		};
		String direction = sort.descending() ? " DESC" : " ASC";
		List<UUID> all = fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND id = ANY(?) ORDER BY " + key + direction
					+ " NULLS LAST, id" + direction)
			.params(account.workspaceId(), seen.toArray(UUID[]::new))
			.query(UUID.class)
			.list();
		assertThat(seen).as(sort.key()).isEqualTo(all);
	}

}
