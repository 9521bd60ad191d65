package com.penguinmails.contacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/contacts} as the contacts table uses it: search across fields,
 * filters, sorts of every kind, keyset pages and bad parameters.
 */
@IntegrationTest
class ContactTableApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ContactTable table;

	private Api people(String name) throws Exception {
		Account account = fixtures.verifiedAccount(name);
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		api.post("/api/v1/contacts/fields", "{\"key\":\"seats\",\"type\":\"number\"}");
		api.post("/api/v1/contacts/fields", "{\"key\":\"renewal\",\"type\":\"date\"}");
		api.post("/api/v1/contacts/fields", "{\"key\":\"industry\",\"type\":\"text\"}");
		add(api, """
				{"email":"ada@blueharbor.test","firstName":"Ada","lastName":"Lovelace","company":"Blue Harbor Ltd",
				 "title":"CTO","custom":{"seats":120,"renewal":"2027-03-01","industry":"Shipping"},"tags":["lead"]}""");
		add(api, """
				{"email":"bob@greenfield.test","firstName":"Bob","lastName":"Builder","company":"Greenfield",
				 "title":"Head of Sales","custom":{"seats":9,"renewal":"2026-12-24","industry":"Farming"},
				 "tags":["lead","vip"]}""");
		add(api, """
				{"email":"cy@harbourlights.test","firstName":"Cy","lastName":"Young","company":"Harbour Lights",
				 "custom":{"seats":40}}""");
		return api;
	}

	private static void add(Api api, String json) throws Exception {
		assertThat(api.post("/api/v1/contacts", json).status()).isEqualTo(201);
	}

	private static List<String> emails(Api.Response response) {
		assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
		List<String> emails = new ArrayList<>();
		response.body().get("data").forEach(c -> emails.add(c.get("email").asText()));
		return emails;
	}

	@Test
	void searchFindsEveryWordInAnyFieldAnyCaseAndSaysWhenNothingMatches() throws Exception {
		Api api = people("table-search");
		assertThat(emails(api.get("/api/v1/contacts", "q", "blue harbor"))).containsExactly("ada@blueharbor.test");
		assertThat(emails(api.get("/api/v1/contacts", "q", "HARBOR blue"))).containsExactly("ada@blueharbor.test");
		// The address's domain, a title, a custom text field; every word must match.
		assertThat(emails(api.get("/api/v1/contacts", "q", "greenfield.test"))).containsExactly("bob@greenfield.test");
		assertThat(emails(api.get("/api/v1/contacts", "q", "head of sales"))).containsExactly("bob@greenfield.test");
		assertThat(emails(api.get("/api/v1/contacts", "q", "shipping"))).containsExactly("ada@blueharbor.test");
		assertThat(emails(api.get("/api/v1/contacts", "q", "harbo", "sort", "email", "dir", "asc")))
			.containsExactly("ada@blueharbor.test", "cy@harbourlights.test");
		// Short words (no trigram) still match; wildcards are taken literally.
		assertThat(emails(api.get("/api/v1/contacts", "q", "cy"))).containsExactly("cy@harbourlights.test");
		assertThat(emails(api.get("/api/v1/contacts", "q", "%"))).isEmpty();
		Api.Response none = api.get("/api/v1/contacts", "q", "blue lights", "total", "true");
		assertThat(emails(none)).isEmpty();
		assertThat(none.body().get("total").asLong()).isZero();
		assertThat(none.body().path("nextCursor").isMissingNode()).isTrue();
	}

	@Test
	void filtersByListTagStatusAndSegmentTogether() throws Exception {
		Api api = people("table-filters");
		JsonNode all = api.get("/api/v1/contacts", "sort", "email", "dir", "asc").body().get("data");
		String ada = all.get(0).get("id").asText();
		String bob = all.get(1).get("id").asText();
		String list = api.post("/api/v1/lists", "{\"name\":\"Conference\"}").body().get("id").asText();
		api.post("/api/v1/lists/" + list + "/members", "{\"contactIds\":[\"" + ada + "\",\"" + bob + "\"]}");
		api.patch("/api/v1/contacts/" + bob, "{\"status\":\"bounced\"}");

		assertThat(emails(api.get("/api/v1/contacts", "list", list))).containsExactlyInAnyOrder("ada@blueharbor.test",
				"bob@greenfield.test");
		assertThat(emails(api.get("/api/v1/contacts", "tag", "VIP"))).containsExactly("bob@greenfield.test");
		assertThat(emails(api.get("/api/v1/contacts", "status", "active", "sort", "email")))
			.containsExactly("ada@blueharbor.test", "cy@harbourlights.test");
		assertThat(emails(api.get("/api/v1/contacts", "list", list, "tag", "lead", "status", "active")))
			.containsExactly("ada@blueharbor.test");
		String segment = api
			.post("/api/v1/segments",
					"{\"name\":\"Big\",\"definition\":{\"match\":\"all\",\"conditions\":[{\"field\":\"custom.seats\","
							+ "\"op\":\"greater_than\",\"value\":\"30\"}]}}")
			.body()
			.get("id")
			.asText();
		Api.Response big = api.get("/api/v1/contacts", "segment", segment, "sort", "email", "total", "true");
		assertThat(emails(big)).containsExactly("ada@blueharbor.test", "cy@harbourlights.test");
		assertThat(big.body().get("total").asLong()).isEqualTo(2);
		assertThat(emails(api.get("/api/v1/contacts", "segment", segment, "q", "young")))
			.containsExactly("cy@harbourlights.test");
	}

	@Test
	void sortsByEveryKindOfColumnBothWays() throws Exception {
		Api api = people("table-sort");
		assertThat(emails(api.get("/api/v1/contacts", "sort", "company", "dir", "asc")))
			.containsExactly("ada@blueharbor.test", "bob@greenfield.test", "cy@harbourlights.test");
		assertThat(emails(api.get("/api/v1/contacts", "sort", "company", "dir", "desc")))
			.containsExactly("cy@harbourlights.test", "bob@greenfield.test", "ada@blueharbor.test");
		// Custom numbers as numbers (9 < 40 < 120, not "120" < "40" < "9").
		assertThat(emails(api.get("/api/v1/contacts", "sort", "custom.seats", "dir", "asc")))
			.containsExactly("bob@greenfield.test", "cy@harbourlights.test", "ada@blueharbor.test");
		assertThat(emails(api.get("/api/v1/contacts", "sort", "custom.seats", "dir", "desc")))
			.containsExactly("ada@blueharbor.test", "cy@harbourlights.test", "bob@greenfield.test");
		// Dates as dates; a contact without the field comes last either way.
		assertThat(emails(api.get("/api/v1/contacts", "sort", "custom.renewal", "dir", "asc")))
			.containsExactly("bob@greenfield.test", "ada@blueharbor.test", "cy@harbourlights.test");
		assertThat(emails(api.get("/api/v1/contacts", "sort", "custom.renewal", "dir", "desc")))
			.containsExactly("ada@blueharbor.test", "bob@greenfield.test", "cy@harbourlights.test");
		assertThat(emails(api.get("/api/v1/contacts", "sort", "last_name", "dir", "desc")))
			.containsExactly("cy@harbourlights.test", "ada@blueharbor.test", "bob@greenfield.test");
		assertThat(emails(api.get("/api/v1/contacts", "sort", "created_at", "dir", "asc")))
			.containsExactly("ada@blueharbor.test", "bob@greenfield.test", "cy@harbourlights.test");
		assertThat(emails(api.get("/api/v1/contacts"))).containsExactly("cy@harbourlights.test", "bob@greenfield.test",
				"ada@blueharbor.test");
		for (String key : ContactSort.STANDARD) {
			assertThat(emails(api.get("/api/v1/contacts", "sort", key, "dir", "desc"))).hasSize(3);
		}
	}

	@Test
	void keysetPagesVisitEveryContactOnceWithTiesOnTheSortValueBothWays() throws Exception {
		Account account = fixtures.verifiedAccount("table-keyset");
		Api api = fixtures.api(account, "contacts:read", "contacts:write");
		api.post("/api/v1/contacts/fields", "{\"key\":\"seats\",\"type\":\"number\"}");
		for (int i = 0; i < 23; i++) {
			// Three companies and three seat counts (and some without): many ties.
			String seats = i % 4 == 3 ? "" : ",\"custom\":{\"seats\":" + (i % 3) + "}";
			add(api, "{\"email\":\"p" + i + "@keyset.test\",\"company\":\"Co " + (i % 3) + "\"" + seats + "}");
		}
		// The walks go through the service: a key may send only 50 requests at once.
		for (String sort : List.of("company", "custom.seats", "score", "created_at")) {
			for (String dir : List.of("asc", "desc")) {
				ContactSort order = ContactSort.of(sort, dir);
				List<String> forward = new ArrayList<>();
				List<String> cursors = new ArrayList<>();
				String cursor = null;
				do {
					ContactPage page = table.page(account.owner(), ContactFilter.all(), order, cursor, 5, false);
					page.data().forEach(c -> forward.add(c.email()));
					cursor = page.nextCursor();
					if (page.previousCursor() != null) {
						cursors.add(page.previousCursor());
					}
				}
				while (cursor != null);
				assertThat(forward).as(sort + " " + dir).hasSize(23);
				assertThat(new HashSet<>(forward)).hasSize(23);
				// Previous from the last page gives the 5 before it, in order.
				String last = cursors.get(cursors.size() - 1);
				List<String> before = table.page(account.owner(), ContactFilter.all(), order, last, 5, false)
					.data()
					.stream()
					.map(Contact::email)
					.toList();
				assertThat(before).as(sort + " " + dir + " previous").isEqualTo(forward.subList(15, 20));
			}
		}
		// The same walk over HTTP, once.
		List<String> overHttp = new ArrayList<>();
		String cursor = null;
		do {
			Api.Response page = cursor == null ? api.get("/api/v1/contacts", "sort", "company", "limit", "10")
					: api.get("/api/v1/contacts", "sort", "company", "limit", "10", "cursor", cursor);
			overHttp.addAll(emails(page));
			cursor = page.body().path("nextCursor").isTextual() ? page.body().get("nextCursor").asText() : null;
		}
		while (cursor != null);
		assertThat(new HashSet<>(overHttp)).hasSize(23);
	}

	@Test
	void badParametersAre400Problems() throws Exception {
		Api api = people("table-bad");
		Set<String> types = new HashSet<>();
		for (String[] params : List.of(new String[] { "status", "vanished" }, new String[] { "list", "not-a-uuid" },
				new String[] { "segment", "42" }, new String[] { "sort", "colour" },
				new String[] { "sort", "custom.nothing" }, new String[] { "dir", "sideways" },
				new String[] { "cursor", "%%%" }, new String[] { "cursor", "bm90IGEgY3Vyc29y" },
				new String[] { "limit", "0" }, new String[] { "q", "x".repeat(201) })) {
			Api.Response response = api.get("/api/v1/contacts", params);
			assertThat(response.status()).as(String.join("=", params)).isEqualTo(400);
			assertThat(response.raw().getContentType()).startsWith("application/problem+json");
			types.add(response.body().get("type").asText());
		}
		assertThat(types).hasSizeGreaterThan(5);
		// A cursor of another sort order is refused rather than misread.
		String cursor = api.get("/api/v1/contacts", "sort", "company", "limit", "1").body().get("nextCursor").asText();
		assertThat(api.get("/api/v1/contacts", "sort", "email", "cursor", cursor).status()).isEqualTo(400);
		// The older cursor form of the default order still works.
		JsonNode first = api.get("/api/v1/contacts", "limit", "1").body().get("data").get(0);
		String old = first.get("createdAt").asText() + "_" + first.get("id").asText();
		assertThat(emails(api.get("/api/v1/contacts", "cursor", old))).hasSize(2);
		assertThat(api.get("/api/v1/contacts", "segment", java.util.UUID.randomUUID().toString()).status())
			.isEqualTo(404);
	}

	@Test
	void columnsAreRememberedPerMember() throws Exception {
		Api api = people("table-columns");
		JsonNode defaults = api.get("/api/v1/contacts/columns").body();
		assertThat(defaults.get("shown")).hasSize(6);
		assertThat(defaults.get("available").toString()).contains("custom.seats");
		JsonNode saved = api.put("/api/v1/contacts/columns", "{\"columns\":[\"email\",\"custom.seats\",\"title\"]}")
			.body();
		assertThat(saved.get("shown").get(1).get("key").asText()).isEqualTo("custom.seats");
		assertThat(api.get("/api/v1/contacts/columns").body().get("shown")).hasSize(3);
		assertThat(api.put("/api/v1/contacts/columns", "{\"columns\":[\"shoe_size\"]}").status()).isEqualTo(400);
		assertThat(api.put("/api/v1/contacts/columns", "{\"columns\":[]}").status()).isEqualTo(400);
	}

}
