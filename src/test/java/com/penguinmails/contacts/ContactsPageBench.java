package com.penguinmails.contacts;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.shared.Tenant;
import com.penguinmails.support.BenchTiming;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: the contacts table ({@code GET /contacts}, rendered, through
 * MockMvc) of a workspace with {@code bench.contacts} (1,000,000) contacts: realistic
 * names, companies, domains, titles, tags and custom fields, 10 lists of 20,000. Warm
 * timings (median, p95) of the first page, searches, filters, a sort, a deep keyset page
 * and the counts, and the query plans. {@code bash bench/contacts-page.sh}.
 */
@Tag("bench")
@IntegrationTest
class ContactsPageBench {

	static final int CONTACTS = Integer.getInteger("bench.contacts", 1_000_000);

	static final int ROUNDS = Integer.getInteger("bench.rounds", 30);

	static final BenchTiming TIMING = new BenchTiming("contacts", CONTACTS, 3, ROUNDS);

	@Autowired
	Fixtures fixtures;

	@Autowired
	ContactTable table;

	@Autowired
	ContactSelection selection;

	@Autowired
	CustomFields fields;

	@Autowired
	Segments segments;

	@Test
	void theContactsPageWithAMillionContacts() throws Exception {
		Account account = fixtures.verifiedAccount("bench-contacts-page");
		Tenant owner = account.owner();
		fields.define(owner, "seats", "number");
		fields.define(owner, "industry", "text");
		fields.define(owner, "renewal", "date");
		long seeding = System.nanoTime();
		UUID list = seed(account.workspaceId(), owner);
		System.out.printf("BENCH seeded %,d contacts and 10 lists of %,d in %.0f s%n", CONTACTS, CONTACTS / 50,
				(System.nanoTime() - seeding) / 1e9);
		JdbcClient jdbc = fixtures.jdbc();
		String rare = jdbc.sql("SELECT split_part(email, '@', 1) FROM contacts WHERE workspace_id = ? AND email ~ ?")
			.params(account.workspaceId(), "[a-z]" + (CONTACTS / 3) + "@")
			.query(String.class)
			.single();
		WebSession web = fixtures.signedIn(account);
		TIMING.measure("ContactTable.page, first page (the data, no HTTP)",
				() -> table.page(owner, ContactFilter.all(), ContactSort.DEFAULT, null, 50, true));
		page(web, "first page", "/contacts");
		if (Boolean.getBoolean("bench.columns")) {
			for (String column : List.of("email", "name", "company", "tags", "score", "status")) {
				page(web, "first page, column " + column, "/contacts?columns=" + column);
			}
		}
		page(web, "search \"blue harbor\" (a company)", "/contacts?q=blue harbor");
		page(web, "search \"" + rare + "\" (a rare email part)", "/contacts?q=" + rare);
		page(web, "search \"logistics\" (a custom text field)", "/contacts?q=logistics");
		page(web, "search \"ux\" (2 letters: no trigram; over 10,000 contacts a message asks for 3)", "/contacts?q=ux");
		page(web, "search \"ux designer\" (a short word beside a long one)", "/contacts?q=ux designer");
		page(web, "search \"designer\" (broad: 1 in 8)", "/contacts?q=designer");
		page(web, "search \"designer zebra\" (no match among 125,000 the trigram index finds)",
				"/contacts?q=designer zebra");
		page(web, "search \"harbor\", sort email (4 %)", "/contacts?q=harbor&sort=email&dir=asc");
		page(web, "filter tag=vip", "/contacts?tag=vip");
		page(web, "filter list (20,000 members)", "/contacts?list=" + list);
		page(web, "filter status=bounced", "/contacts?status=bounced");
		page(web, "filter tag=vip, status=bounced (1,031)", "/contacts?tag=vip&status=bounced");
		UUID broad = segments
			.createSegment(owner, "German leads",
					new SegmentDefinition("all", List.of(new SegmentDefinition.Condition("country", "equals", "DE"))))
			.id();
		UUID narrow = segments.createSegment(owner, "German high scores",
				new SegmentDefinition("all", List.of(new SegmentDefinition.Condition("country", "equals", "DE"),
						new SegmentDefinition.Condition("score", "greater_than", "97"))))
			.id();
		page(web, "segment country=DE (1 in 6)", "/contacts?segment=" + broad);
		page(web, "segment country=DE and score>97 (1 in 300; no index: reads every contact)",
				"/contacts?segment=" + narrow);
		page(web, "sort company asc", "/contacts?sort=company&dir=asc");
		page(web, "sort first_name asc", "/contacts?sort=first_name&dir=asc");
		page(web, "sort title desc", "/contacts?sort=title&dir=desc");
		page(web, "sort status asc", "/contacts?sort=status&dir=asc");
		page(web, "sort score desc (no index: sorts ids and scores)", "/contacts?sort=score&dir=desc");
		page(web, "sort custom.seats desc (no index: sorts ids and values)", "/contacts?sort=custom.seats&dir=desc");
		page(web, "sort custom.industry asc (no index: sorts ids and values)",
				"/contacts?sort=custom.industry&dir=asc");
		page(web, "sort custom.seats desc, search \"blue harbor\"",
				"/contacts?sort=custom.seats&dir=desc&q=blue harbor");
		page(web, "first page, count=exact", "/contacts?count=exact");
		ContactSort byCompany = ContactSort.of("company", "asc");
		String cursor = null;
		for (int i = 0; i < 200; i++) {
			cursor = table.page(owner, ContactFilter.all(), byCompany, cursor, 50, false).nextCursor();
		}
		page(web, "sort company, page 201 (keyset, 10,000 rows deep)",
				"/contacts?sort=company&dir=asc&cursor=" + cursor);
		TIMING.measure("count up to 10,001, no filter", () -> selection.countUpToLimit(owner, ContactFilter.all()));
		TIMING.measure("count up to 10,001, search \"logistics\"",
				() -> selection.countUpToLimit(owner, new ContactFilter("logistics", null, null, null, null)));
		TIMING.measure("count up to 10,001, tag=vip",
				() -> selection.countUpToLimit(owner, new ContactFilter(null, null, "vip", null, null)));
		TIMING.measure("count, no filter", () -> selection.count(owner, ContactFilter.all()));
		TIMING.measure("count, tag=vip",
				() -> selection.count(owner, new ContactFilter(null, null, "vip", null, null)));
		TIMING.measure("count, search \"blue harbor\"",
				() -> selection.count(owner, new ContactFilter("blue harbor", null, null, null, null)));
		explain(account.workspaceId(), list);
	}

	private void page(WebSession web, String what, String url) throws Exception {
		TIMING.measure("GET " + what, () -> assertThat(web.get(url).getResponse().getStatus()).isEqualTo(200));
	}

	private UUID seed(UUID workspace, Tenant owner) {
		JdbcClient jdbc = fixtures.jdbc();
		jdbc.sql("""
				INSERT INTO contacts (id, workspace_id, email, first_name, last_name, company, title, country, custom,
				    tags, score, status, created_at, updated_at)
				SELECT gen_random_uuid(), ?,
				    lower(f) || '.' || lower(l) || g || '@' || lower(replace(co, ' ', '')) || '.test',
				    f, l, co || ' ' || (ARRAY['Ltd', 'Inc', 'GmbH', 'SA', 'BV'])[1 + g % 5],
				    (ARRAY['CEO', 'CTO', 'Head of Sales', 'Marketing Manager', 'UX Designer', 'Founder',
				        'VP Engineering', 'Office Manager'])[1 + g % 8],
				    (ARRAY['US', 'UK', 'DE', 'FR', 'NL', 'ES'])[1 + g % 6],
				    jsonb_build_object('seats', g % 500, 'industry', (ARRAY['Logistics', 'Software', 'Retail',
				        'Healthcare', 'Finance', 'Education', 'Energy'])[1 + g % 7], 'renewal',
				        to_char(date '2026-01-01' + (g % 700), 'YYYY-MM-DD')),
				    CASE g % 10 WHEN 0 THEN ARRAY['lead', 'vip'] WHEN 1 THEN ARRAY['customer'] WHEN 2 THEN
				        ARRAY['webinar', 'lead'] WHEN 3 THEN ARRAY['partner'] ELSE ARRAY['lead'] END,
				    g % 100, CASE WHEN g % 97 = 0 THEN 'bounced' WHEN g % 89 = 0 THEN 'unsubscribed'
				        ELSE 'active' END,
				    now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second',
				    now() - (g % 30) * interval '1 day'
				FROM (SELECT g,
				    (ARRAY['Ada', 'Bob', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gus', 'Hana', 'Ines', 'Joe', 'Kai', 'Lena',
				        'Maya', 'Noah', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sam', 'Tara'])[1 + g % 20] AS f,
				    (ARRAY['Smith', 'Jones', 'Garcia', 'Muller', 'Rossi', 'Dubois', 'Jansen', 'Novak', 'Silva',
				        'Kowalski', 'Nguyen', 'Kim', 'Ivanov', 'Larsen', 'Murphy', 'Costa', 'Weber', 'Moreau',
				        'Bauer', 'Lopez', 'Young', 'King', 'Wright'])[1 + (g / 20) % 23] AS l,
				    (ARRAY['Blue', 'Green', 'Red', 'Silver', 'Golden', 'North', 'South', 'East', 'West', 'Bright',
				        'Swift', 'Iron', 'Stone', 'River', 'Lake', 'Sun', 'Star', 'Oak', 'Pine', 'Cedar'])[1 + g % 20]
				    || ' ' || (ARRAY['Harbor', 'Field', 'Works', 'Labs', 'Systems', 'Logistics', 'Foods', 'Media',
				        'Capital', 'Energy', 'Health', 'Motors', 'Studio', 'Partners', 'Analytics', 'Cloud', 'Bank',
				        'Retail', 'Design', 'Solutions', 'Dynamics', 'Group', 'Ventures', 'Robotics',
				        'Networks'])[1 + (g / 7) % 25] AS co
				    FROM generate_series(1, ?) g) s""").params(workspace, CONTACTS).update();
		UUID first = null;
		for (int i = 0; i < 10; i++) {
			UUID list = segments.createList(owner, "List " + i).id();
			first = first == null ? list : first;
			jdbc.sql("""
					INSERT INTO contact_list_members (list_id, contact_id, workspace_id)
					SELECT ?, id, workspace_id FROM contacts WHERE workspace_id = ? ORDER BY id OFFSET ? LIMIT ?""")
				.params(list, workspace, i * (CONTACTS / 10), CONTACTS / 50)
				.update();
		}
		jdbc.sql("VACUUM ANALYZE contacts").update();
		jdbc.sql("VACUUM ANALYZE contact_list_members").update();
		return first;
	}

	private void explain(UUID workspace, UUID list) {
		String search = "contact_search_text(c.email, c.first_name, c.last_name, c.company, c.title, c.custom)";
		List<String[]> queries = List.of(
				new String[] { "search \"blue harbor\"",
						"SELECT c.id FROM contacts c WHERE c.workspace_id = ? AND " + search + " ILIKE '%blue%' AND "
								+ search + " ILIKE '%harbor%' ORDER BY c.created_at DESC, c.id DESC LIMIT 51" },
				new String[] { "search \"blue harbor\" (few: the MATERIALIZED form ContactPageRepository uses)",
						"WITH matching AS MATERIALIZED (SELECT c.* FROM contacts c WHERE c.workspace_id = ? AND "
								+ search + " ILIKE '%blue%' AND " + search + " ILIKE '%harbor%') SELECT c.id FROM"
								+ " matching c ORDER BY c.created_at DESC, c.id DESC LIMIT 51" },
				new String[] { "count up to 10,001, search \"logistics\"",
						"SELECT count(*) FROM (SELECT 1 FROM contacts c WHERE c.workspace_id = ? AND " + search
								+ " ILIKE '%logistics%' LIMIT 10001) x" },
				new String[] { "count search \"blue harbor\"",
						"SELECT count(*) FROM contacts c WHERE c.workspace_id = ? AND " + search
								+ " ILIKE '%blue%' AND " + search + " ILIKE '%harbor%'" },
				new String[] { "tag vip",
						"SELECT c.id FROM contacts c WHERE c.workspace_id = ? AND c.tags @> ARRAY['vip']::text[]"
								+ " ORDER BY c.created_at DESC, c.id DESC LIMIT 51" },
				new String[] { "list",
						"SELECT c.id FROM contacts c WHERE c.workspace_id = ? AND EXISTS (SELECT 1 FROM "
								+ "contact_list_members m WHERE m.contact_id = c.id AND m.list_id = '" + list
								+ "') ORDER BY c.created_at DESC, c.id DESC LIMIT 51" },
				new String[] { "sort company after a cursor",
						"SELECT c.id FROM contacts c WHERE c.workspace_id = ? AND (c.company, c.id) > "
								+ "(CAST('Green Labs' AS text), '00000000-0000-0000-0000-000000000000'::uuid)"
								+ " ORDER BY c.company ASC, c.id ASC LIMIT 51" });
		for (String[] query : queries) {
			List<String> plan = fixtures.jdbc()
				.sql("EXPLAIN (ANALYZE, COSTS OFF) " + query[1])
				.param(workspace)
				.query(String.class)
				.list();
			System.out.println("BENCH plan of " + query[0] + ":");
			plan.forEach(line -> System.out.println("BENCH   " + line));
		}
	}

}
