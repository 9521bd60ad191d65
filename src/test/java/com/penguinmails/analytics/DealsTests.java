package com.penguinmails.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.shared.PersonalData;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;
import com.penguinmails.support.WebSession;
import com.penguinmails.shared.WorkspaceRole;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deals recorded against contacts through the API and CSV uploads: upserts by external
 * id, refusals with RFC 9457 problems, cursor pages, and workspace scoping.
 */
@IntegrationTest
class DealsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	List<PersonalData> personalData;

	@Autowired
	org.springframework.test.web.servlet.MockMvc mvc;

	UUID contact(Account account, String email) {
		return contacts
			.create(account.owner(), new NewContact(email, "Ada", "", "", "", "", "", "", "", "", Map.of(), List.of()))
			.id();
	}

	static String deal(String email, String amount, String currency, String closedAt, String externalId) {
		return "{\"email\":\"" + email + "\",\"amount\":" + amount + ",\"currency\":\"" + currency
				+ "\",\"closedAt\":\"" + closedAt + "\",\"name\":\"Annual plan\""
				+ (externalId == null ? "" : ",\"externalId\":\"" + externalId + "\"") + "}";
	}

	@Test
	void recordingTheSameExternalIdTwiceUpdatesOneDeal() throws Exception {
		Account account = fixtures.verifiedAccount("deals-upsert");
		UUID ada = contact(account, "ada@client.test");
		Api api = fixtures.api(account, "analytics:read", "analytics:write");

		Api.Response first = api.post("/api/v1/deals",
				deal("ADA@client.test", "1200.5", "eur", "2026-11-03T14:00:00Z", "crm-42"));
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.body().get("contactId").asText()).isEqualTo(ada.toString());
		assertThat(first.body().get("email").asText()).isEqualTo("ada@client.test");
		assertThat(first.body().get("amount").decimalValue()).isEqualByComparingTo("1200.50");
		assertThat(first.body().get("currency").asText()).isEqualTo("EUR");
		assertThat(first.body().get("source").asText()).isEqualTo("api");
		assertThat(first.header("Location")).isEqualTo("/api/v1/deals/" + first.body().get("id").asText());

		Api.Response again = api.post("/api/v1/deals",
				deal("ada@client.test", "1500", "EUR", "2026-11-04T09:00:00Z", "crm-42"));
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
		assertThat(again.body().get("amount").decimalValue()).isEqualByComparingTo("1500.00");
		assertThat(again.body().get("closedAt").asText()).isEqualTo("2026-11-04T09:00:00Z");

		JsonNode all = api.get("/api/v1/deals").body().get("data");
		assertThat(all).hasSize(1);

		// Without an external id each deal is its own.
		assertThat(
				api.post("/api/v1/deals", deal("ada@client.test", "10", "EUR", "2026-11-05T09:00:00Z", null)).status())
			.isEqualTo(201);
		assertThat(
				api.post("/api/v1/deals", deal("ada@client.test", "10", "EUR", "2026-11-05T09:00:00Z", null)).status())
			.isEqualTo(201);
		assertThat(api.get("/api/v1/deals").body().get("data")).hasSize(3);

		// A date alone, as the page and the CSV take it: the end of that day in the
		// workspace's zone (UTC here); a bad one names the field.
		Api.Response dated = api.post("/api/v1/deals", deal("ada@client.test", "10", "EUR", "2026-11-06", null));
		assertThat(dated.status()).isEqualTo(201);
		assertThat(dated.body().get("closedAt").asText()).startsWith("2026-11-06T23:59:59");
		Api.Response bad = api.post("/api/v1/deals", deal("ada@client.test", "10", "EUR", "6 Nov", null));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body().get("detail").asText()).contains("closed_at").contains("6 Nov");
	}

	@Test
	void anUnknownContactIsAProblemSayingSo() throws Exception {
		Account account = fixtures.verifiedAccount("deals-unknown");
		Api api = fixtures.api(account, "analytics:write");

		Api.Response unknown = api.post("/api/v1/deals",
				deal("nobody@client.test", "100", "EUR", "2026-11-03T14:00:00Z", null));
		assertThat(unknown.status()).isEqualTo(422);
		assertThat(unknown.raw().getContentType()).contains("application/problem+json");
		assertThat(unknown.body().get("type").asText()).endsWith("/unknown-contact");
		assertThat(unknown.body().get("detail").asText()).contains("No contact with the address nobody@client.test");

		Api.Response byId = api.post("/api/v1/deals", "{\"contactId\":\"" + UUID.randomUUID()
				+ "\",\"amount\":1,\"currency\":\"EUR\",\"closedAt\":\"2026-11-03T14:00:00Z\"}");
		assertThat(byId.status()).isEqualTo(422);
		assertThat(byId.body().get("type").asText()).endsWith("/unknown-contact");
	}

	@Test
	void badValuesAreProblemsNamingTheField() throws Exception {
		Account account = fixtures.verifiedAccount("deals-invalid");
		contact(account, "ada@client.test");
		Api api = fixtures.api(account, "analytics:write");

		Map<String, String> refusals = Map.of(deal("ada@client.test", "-1", "EUR", "2026-11-03T14:00:00Z", null),
				"invalid-amount", deal("ada@client.test", "1.005", "EUR", "2026-11-03T14:00:00Z", null),
				"invalid-amount", deal("ada@client.test", "10", "EURO", "2026-11-03T14:00:00Z", null),
				"invalid-currency", deal("ada@client.test", "10", "XYZ", "2026-11-03T14:00:00Z", null),
				"invalid-currency", "{\"email\":\"ada@client.test\",\"amount\":10,\"currency\":\"EUR\"}",
				"invalid-closed-at", "{\"amount\":10,\"currency\":\"EUR\",\"closedAt\":\"2026-11-03T14:00:00Z\"}",
				"invalid-contact", deal("ada@client.test", "10", "EUR", "2026-11-03T14:00:00Z", "x".repeat(201)),
				"invalid-external-id");
		for (Map.Entry<String, String> refusal : refusals.entrySet()) {
			Api.Response response = api.post("/api/v1/deals", refusal.getKey());
			assertThat(response.status()).as(refusal.getKey()).isEqualTo(400);
			assertThat(response.body().get("type").asText()).as(refusal.getKey()).endsWith("/" + refusal.getValue());
		}
		assertThat(api
			.post("/api/v1/deals",
					"{\"email\":\"ada@client.test\",\"amount\":10,\"currency\":\"EUR\","
							+ "\"closedAt\":\"yesterday\"}")
			.status()).isEqualTo(400);
	}

	@Test
	void pagesWalkEveryDealNewestClosedFirst() throws Exception {
		Account account = fixtures.verifiedAccount("deals-pages");
		contact(account, "ada@client.test");
		Api api = fixtures.api(account, "analytics:read", "analytics:write");
		for (int day = 1; day <= 7; day++) {
			assertThat(api
				.post("/api/v1/deals",
						deal("ada@client.test", String.valueOf(day), "EUR", "2026-11-0" + day + "T10:00:00Z", null))
				.status()).isEqualTo(201);
		}
		List<String> walked = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			JsonNode page = cursor == null ? api.get("/api/v1/deals", "limit", "3").body()
					: api.get("/api/v1/deals", "limit", "3", "cursor", cursor).body();
			page.get("data").forEach(deal -> walked.add(deal.get("closedAt").asText()));
			cursor = page.path("nextCursor").isMissingNode() || page.get("nextCursor").isNull() ? null
					: page.get("nextCursor").asText();
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(walked).containsExactly("2026-11-07T10:00:00Z", "2026-11-06T10:00:00Z", "2026-11-05T10:00:00Z",
				"2026-11-04T10:00:00Z", "2026-11-03T10:00:00Z", "2026-11-02T10:00:00Z", "2026-11-01T10:00:00Z");
		assertThat(api.get("/api/v1/deals", "cursor", "garbage").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/deals", "limit", "501").status()).isEqualTo(400);
	}

	@Test
	void anotherWorkspaceCannotReadOrDeleteADeal() throws Exception {
		Account account = fixtures.verifiedAccount("deals-mine");
		contact(account, "ada@client.test");
		Api mine = fixtures.api(account, "analytics:read", "analytics:write");
		String id = mine.post("/api/v1/deals", deal("ada@client.test", "100", "EUR", "2026-11-03T14:00:00Z", "x-1"))
			.body()
			.get("id")
			.asText();

		Account stranger = fixtures.verifiedAccount("deals-theirs");
		contact(stranger, "ada@client.test");
		Api theirs = fixtures.api(stranger, "analytics:read", "analytics:write");
		assertThat(theirs.get("/api/v1/deals/" + id).status()).isEqualTo(404);
		assertThat(theirs.delete("/api/v1/deals/" + id).status()).isEqualTo(404);
		assertThat(theirs.get("/api/v1/deals").body().get("data")).isEmpty();
		// The same external id in another workspace is another deal.
		Api.Response same = theirs.post("/api/v1/deals",
				deal("ada@client.test", "5", "EUR", "2026-11-03T14:00:00Z", "x-1"));
		assertThat(same.status()).isEqualTo(201);
		assertThat(same.body().get("id").asText()).isNotEqualTo(id);

		assertThat(mine.get("/api/v1/deals/" + id).body().get("amount").decimalValue()).isEqualByComparingTo("100");
		// A read-only key reads but does not write.
		Api readOnly = fixtures.api(account, "analytics:read");
		assertThat(readOnly.delete("/api/v1/deals/" + id).status()).isEqualTo(403);
		assertThat(mine.delete("/api/v1/deals/" + id).status()).isEqualTo(204);
		assertThat(mine.get("/api/v1/deals/" + id).status()).isEqualTo(404);
	}

	@Test
	void aCsvImportsTheGoodRowsAndNamesTheLineOfEachBadOne() throws Exception {
		Account account = fixtures.verifiedAccount("deals-csv");
		contact(account, "ada@client.test");
		contact(account, "bob@client.test");
		Api api = fixtures.api(account, "analytics:read", "analytics:write");
		String csv = """
				email,amount,currency,closed_at,name,external_id
				ada@client.test,1200.50,EUR,2026-11-03,Annual plan,crm-1
				nobody@client.test,10,EUR,2026-11-03,,
				bob@client.test,-5,EUR,2026-11-03,,
				bob@client.test,300,usd,2026-11-04T10:00:00Z,"Seats, 3",crm-2
				ada@client.test,1300,EUR,2026-11-03,Annual plan,crm-1
				""";
		Api.Response result = api.send(MockMvcRequestBuilders.post("/api/v1/deals/import")
			.contentType(MediaType.parseMediaType("text/csv"))
			.content(csv));
		assertThat(result.status()).isEqualTo(200);
		assertThat(result.body().get("imported").asInt()).isEqualTo(3);
		assertThat(result.body().get("failed").asInt()).isEqualTo(2);
		JsonNode rows = result.body().get("rows");
		assertThat(rows.get(1).get("line").asLong()).isEqualTo(3);
		assertThat(rows.get(1).get("status").asText()).isEqualTo("error");
		assertThat(rows.get(1).get("message").asText()).contains("No contact with the address nobody@client.test");
		assertThat(rows.get(2).get("line").asLong()).isEqualTo(4);
		assertThat(rows.get(2).get("message").asText()).contains("amount");
		assertThat(rows.get(4).get("message").asText()).contains("Updated");

		JsonNode deals = api.get("/api/v1/deals").body().get("data");
		assertThat(deals).hasSize(2);
		assertThat(deals.get(0).get("name").asText()).isEqualTo("Seats, 3");
		assertThat(deals.get(0).get("currency").asText()).isEqualTo("USD");
		assertThat(deals.get(0).get("source").asText()).isEqualTo("csv");
		assertThat(deals.get(1).get("amount").decimalValue()).isEqualByComparingTo("1300");
		// A date alone is the end of that day in the workspace's zone (UTC here).
		assertThat(deals.get(1).get("closedAt").asText()).isEqualTo("2026-11-03T23:59:59.999Z");

		// The same file as a multipart upload.
		Api.Response upload = api.send(MockMvcRequestBuilders.multipart("/api/v1/deals/import")
			.file(new MockMultipartFile("file", "deals.csv", "text/csv", csv.getBytes())));
		assertThat(upload.status()).isEqualTo(200);
		assertThat(upload.body().get("failed").asInt()).isEqualTo(2);
	}

	@Test
	void anErasureKeepsTheAmountAndForgetsThePerson() throws Exception {
		Account account = fixtures.verifiedAccount("deals-gdpr");
		UUID ada = contact(account, "ada@client.test");
		Api api = fixtures.api(account, "analytics:read", "analytics:write");
		String id = api.post("/api/v1/deals", deal("ada@client.test", "100", "EUR", "2026-11-03T14:00:00Z", null))
			.body()
			.get("id")
			.asText();
		PersonalData deals = personalData.stream().filter(p -> p.section().equals("deals")).findFirst().orElseThrow();
		assertThat(deals.export(account.workspaceId(), ada)).containsKey("deals");
		deals.erase(account.workspaceId(), ada);
		JsonNode erased = api.get("/api/v1/deals/" + id).body();
		assertThat(erased.get("email").asText()).isEqualTo("erased@invalid");
		assertThat(erased.path("contactId").isMissingNode() || erased.get("contactId").isNull()).isTrue();
		assertThat(erased.get("amount").decimalValue()).isEqualByComparingTo("100");
	}

	@Test
	void everyAnswerMatchesTheServedOpenApiDocument() throws Exception {
		Account account = fixtures.verifiedAccount("deals-contract");
		contact(account, "ada@client.test");
		OpenApiContract contract = OpenApiContract.served(mvc);
		Api api = fixtures.api(account, "analytics:read", "analytics:write").checkedBy(contract);
		Api.Response created = api.post("/api/v1/deals",
				deal("ada@client.test", "10", "EUR", "2026-11-03T14:00:00Z", "c-1"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(
				api.post("/api/v1/deals", deal("ada@client.test", "12", "EUR", "2026-11-03T14:00:00Z", "c-1")).status())
			.isEqualTo(200);
		assertThat(api.post("/api/v1/deals", deal("nobody@client.test", "1", "EUR", "2026-11-03T14:00:00Z", null))
			.status()).isEqualTo(422);
		assertThat(
				api.post("/api/v1/deals", deal("ada@client.test", "1", "EURO", "2026-11-03T14:00:00Z", null)).status())
			.isEqualTo(400);
		assertThat(api.get("/api/v1/deals", "limit", "1").status()).isEqualTo(200);
		String id = created.body().get("id").asText();
		assertThat(api.get("/api/v1/deals/" + id).status()).isEqualTo(200);
		assertThat(api
			.send(MockMvcRequestBuilders.post("/api/v1/deals/import")
				.contentType(MediaType.parseMediaType("text/csv"))
				.content("ada@client.test,5,EUR,2026-11-04,,\n"))
			.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/analytics/revenue", "model", "linear", "from", "2026-11-01", "to", "2026-11-30")
			.status()).isEqualTo(200);
		assertThat(api.get("/api/v1/analytics/revenue", "model", "nope").status()).isEqualTo(400);
		assertThat(api.delete("/api/v1/deals/" + id).status()).isEqualTo(204);
		assertThat(api.delete("/api/v1/deals/" + id).status()).isEqualTo(404);
		assertThat(contract.violations()).isEmpty();
	}

	@Test
	void aViewerSeesTheRevenuePageButCannotRecordOrDelete() throws Exception {
		Account owner = fixtures.verifiedAccount("deals-page-owner");
		contact(owner, "ada@client.test");
		Api api = fixtures.api(owner, "analytics:read", "analytics:write");
		String id = api.post("/api/v1/deals", deal("ada@client.test", "100", "EUR", "2026-11-03T14:00:00Z", null))
			.body()
			.get("id")
			.asText();
		Account viewer = fixtures.verifiedAccount("deals-page-viewer");
		fixtures.join(owner, viewer, WorkspaceRole.VIEWER);
		WebSession session = fixtures.signedIn(viewer);
		session.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());

		String page = session.get("/analytics/revenue").getResponse().getContentAsString();
		assertThat(page).contains("ada@client.test").doesNotContain("Record the deal").doesNotContain("Delete");
		assertThat(session
			.post("/analytics/revenue/deals", "email", "ada@client.test", "amount", "5", "currency", "EUR", "closedAt",
					"2026-11-04")
			.getFlashMap()
			.get("error")).asString().contains("member role");
		assertThat(session.post("/analytics/revenue/deals/" + id + "/delete").getFlashMap().get("error")).asString()
			.contains("member role");
		assertThat(api.get("/api/v1/deals").body().get("data")).hasSize(1);

		// The owner records one on the page; a bad period is said, not a failure.
		WebSession mine = fixtures.signedIn(owner);
		assertThat(mine
			.post("/analytics/revenue/deals", "email", "ada@client.test", "amount", "5", "currency", "eur", "closedAt",
					"2026-11-04", "back", "https://elsewhere.test/")
			.getResponse()
			.getRedirectedUrl()).isEqualTo("/analytics/revenue");
		assertThat(api.get("/api/v1/deals").body().get("data")).hasSize(2);
		assertThat(mine.get("/analytics/revenue?from=2026-13-01").getResponse().getContentAsString())
			.contains("from is a date written YYYY-MM-DD.");
	}

}
