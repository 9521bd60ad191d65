package com.penguinmails.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.contacts.CustomFields;
import com.penguinmails.contacts.Segments;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editors' API: the variable picker, the live preview of unsaved content with its
 * spintax expanded, and the strict check over contacts.
 */
@IntegrationTest
class TemplatePreviewApiTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	CustomFields customFields;

	@Autowired
	Segments segments;

	@Autowired
	Templates templates;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	private OpenApiContract contract;

	private Api api(Account account) throws Exception {
		contract = OpenApiContract.served(mvc);
		return fixtures.api(account, "templates:read", "contacts:read").checkedBy(contract);
	}

	@AfterEach
	void everyExchangeMatchesTheOpenApiDocument() {
		if (contract != null) {
			assertThat(contract.violations()).isEmpty();
		}
	}

	private Contact contact(Account account, String firstName, String company) {
		return contacts.create(account.owner(), new NewContact(Fixtures.uniqueEmail("lead"), firstName, "Lovelace",
				company, null, null, null, null, "Europe/London", null, Map.of(), List.of()));
	}

	private String previewBody(String subject, String html, UUID contactId) throws Exception {
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("subject", subject);
		body.put("html", html);
		body.put("contactId", contactId);
		return json.writeValueAsString(body);
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach(node -> texts.add(node.asText()));
		return texts;
	}

	@Test
	void variablesListContactFieldsCustomFieldsWithTypesSenderAndUnsubscribeWithSnippets() throws Exception {
		Account account = fixtures.verifiedAccount("preview-variables");
		customFields.define(account.owner(), "plan_seats", "number");

		Api.Response response = api(account).get("/api/v1/templates/variables");

		assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
		JsonNode groups = response.body().get("groups");
		assertThat(groups.findValuesAsText("name")).contains("Contact", "Custom fields", "Sender", "Links", "Dates");
		JsonNode firstName = groups.get(0).get("variables").get(0);
		assertThat(firstName.get("name").asText()).isEqualTo("first_name");
		assertThat(firstName.get("snippet").asText()).isEqualTo("{{ first_name | default: \"there\" }}");
		assertThat(firstName.get("example").asText()).isEqualTo("Alex");
		JsonNode custom = groups.get(1).get("variables").get(0);
		assertThat(custom.get("name").asText()).isEqualTo("custom.plan_seats");
		assertThat(custom.get("type").asText()).isEqualTo("number");
		assertThat(custom.get("label").asText()).isEqualTo("Plan seats");
		assertThat(groups.findValuesAsText("snippet")).contains("{{ sender.first_name }}", "{{ unsubscribe_url }}");
	}

	@Test
	void nestedSpintaxIsExpandedIntoEveryVariantTheSenderCanPick() throws Exception {
		Account account = fixtures.verifiedAccount("preview-spintax");
		Contact ada = contact(account, "Ada", "Acme");
		String subject = "{Hi|Hello|Hey} {{ first_name }}";
		String html = "<p>{Quick|{Short|Brief} friendly} note for {{ company }}</p>";

		Api.Response response = api(account).post("/api/v1/templates/preview", previewBody(subject, html, ada.id()));

		assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
		JsonNode spintax = response.body().get("spintax");
		assertThat(spintax.get("subjectCombinations").asLong()).isEqualTo(3);
		assertThat(spintax.get("bodyCombinations").asLong()).isEqualTo(3);
		assertThat(spintax.get("combinations").asLong()).isEqualTo(9);
		assertThat(spintax.get("capped").asBoolean()).isFalse();
		assertThat(texts(spintax.get("subjects"))).containsExactly("Hi Ada", "Hello Ada", "Hey Ada");
		assertThat(spintax.get("bodies").findValuesAsText("html")).containsExactly("<p>Quick note for Acme</p>",
				"<p>Short friendly note for Acme</p>", "<p>Brief friendly note for Acme</p>");
		assertThat(spintax.get("groups").findValuesAsText("source")).containsExactly("{Hi|Hello|Hey}",
				"{Quick|{Short|Brief} friendly}", "{Short|Brief}");
		assertThat(spintax.get("groups").get(2).get("depth").asInt()).isEqualTo(1);
		// The preview shows what this contact gets, as a campaign renders it.
		Rendered sent = templates.render(new EmailTemplate(null, "", 0, subject, html, null, null),
				Map.of("id", ada.id().toString(), "first_name", "Ada", "company", "Acme"), "UTC");
		assertThat(response.body().get("subject").asText()).isEqualTo(sent.subject());
		assertThat(response.body().get("html").asText()).isEqualTo(sent.html());
		assertThat(texts(spintax.get("subjects"))).contains(sent.subject());
		assertThat(response.body().get("timeZone").asText()).isEqualTo("Europe/London");
	}

	@Test
	void manyCombinationsAreCountedAndTheListsCapped() throws Exception {
		Account account = fixtures.verifiedAccount("preview-capped");
		String subject = "{a|b|c}{d|e|f}{g|h|i}{j|k|l}{m|n|o}{p|q|r} {1|2|3}";

		Api.Response response = api(account).post("/api/v1/templates/preview",
				previewBody(subject, "<p>{x|y}</p>", null));

		JsonNode spintax = response.body().get("spintax");
		assertThat(spintax.get("subjectCombinations").asLong()).isEqualTo(2187);
		assertThat(spintax.get("combinations").asLong()).isEqualTo(4374);
		assertThat(spintax.get("subjects")).hasSize(50);
		assertThat(spintax.get("capped").asBoolean()).isTrue();
	}

	@Test
	void aContactWithoutAFieldHasItListedAsMissingAndTheSampleContactHasValues() throws Exception {
		Account account = fixtures.verifiedAccount("preview-missing");
		Contact noCompany = contact(account, "Ada", null);

		Api.Response forContact = api(account).post("/api/v1/templates/preview", previewBody("About {{ company }}",
				"<p>Hi {{ first_name }} from {{ sender.first_name }}</p>", noCompany.id()));
		Api.Response forSample = api(account).post("/api/v1/templates/preview",
				previewBody("About {{ company }}", "<p>Hi {{ first_name }} from {{ sender.first_name }}</p>", null));

		assertThat(texts(forContact.body().get("missing"))).containsExactly("company");
		assertThat(forContact.body().get("html").asText()).isEqualTo("<p>Hi Ada from Sam</p>");
		assertThat(forSample.body().get("missing")).isEmpty();
		assertThat(forSample.body().get("subject").asText()).isEqualTo("About Northwind Labs");
		assertThat(forSample.body().path("contactId").isMissingNode()).isTrue();
	}

	@Test
	void theStrictCheckOverContactsAndAListNamesThoseLackingAValue() throws Exception {
		Account account = fixtures.verifiedAccount("preview-missing-many");
		Contact full = contact(account, "Ada", "Acme");
		Contact noCompany = contact(account, "Cat", null);
		Contact noName = contact(account, null, "Initech");
		UUID list = segments.createList(account.owner(), "Leads").id();
		segments.addToList(account.owner(), list, List.of(noName.id()));
		String content = "{\"subject\":\"For {{ company }}\",\"html\":\"<p>Hi {{ first_name | default: 'there' }}"
				+ " {Thanks|Cheers}</p>\"}";

		Api.Response response = api(account).post("/api/v1/templates/preview/missing", "{\"content\":" + content
				+ ",\"contactIds\":[\"" + full.id() + "\",\"" + noCompany.id() + "\"],\"listId\":\"" + list + "\"}");

		assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
		assertThat(response.body().get("contacts").asInt()).isEqualTo(3);
		assertThat(response.body().get("checked").asInt()).isEqualTo(3);
		JsonNode missing = response.body().get("missing");
		assertThat(missing.findValuesAsText("contactId")).contains(noCompany.id().toString())
			.doesNotContain(noName.id().toString());
		assertThat(texts(missing.get(0).get("variables"))).startsWith("company");
	}

	@Test
	void aContactOfAnotherWorkspaceIsNotFound() throws Exception {
		Account account = fixtures.verifiedAccount("preview-own");
		Account other = fixtures.verifiedAccount("preview-other");
		Contact theirs = contact(other, "Eve", "Elsewhere");

		Api.Response preview = api(account).post("/api/v1/templates/preview",
				previewBody("Hi {{ first_name }}", "<p>x</p>", theirs.id()));
		Api.Response missing = api(account).post("/api/v1/templates/preview/missing",
				"{\"content\":{\"subject\":\"Hi\",\"html\":\"<p>x</p>\"},\"contactIds\":[\"" + theirs.id() + "\"]}");

		assertThat(preview.status()).isEqualTo(404);
		assertThat(preview.raw().getContentType()).isEqualTo("application/problem+json");
		assertThat(preview.body().toString()).doesNotContain("Eve");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.body().get("unknownIds").get(0).asText()).isEqualTo(theirs.id().toString());
	}

	@Test
	void plainTextIsRenderedAndCheckedAsTheBody() throws Exception {
		Account account = fixtures.verifiedAccount("preview-plain");
		Contact noCompany = contact(account, "Ada", null);

		Api.Response response = api(account).post("/api/v1/templates/preview",
				json.writeValueAsString(Map.of("subject", "Hi", "html", "<p>ignored</p>", "text",
						"{Hi|Hello} {{ first_name }} at {{ company }} & co", "plainText", true, "contactId",
						noCompany.id())));

		assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
		assertThat(response.body().path("html").isMissingNode()).isTrue();
		assertThat(response.body().get("text").asText()).matches("(Hi|Hello) Ada at  & co");
		assertThat(texts(response.body().get("missing"))).containsExactly("company");
		assertThat(response.body().get("spintax").get("bodies").findValuesAsText("text"))
			.containsExactly("Hi Ada at  & co", "Hello Ada at  & co");
	}

	@Test
	void badInputIsAProblemNotAServerError() throws Exception {
		Account account = fixtures.verifiedAccount("preview-bad");
		Api api = api(account);

		Api.Response liquid = api.post("/api/v1/templates/preview", previewBody("Hi {{ first_name", "<p>x</p>", null));
		Api.Response zone = api.post("/api/v1/templates/preview",
				"{\"subject\":\"Hi\",\"html\":\"<p>x</p>\",\"timeZone\":\"Mars/Olympus\"}");
		Api.Response nobody = api.post("/api/v1/templates/preview/missing",
				"{\"content\":{\"subject\":\"Hi\",\"html\":\"<p>x</p>\"}}");
		Api.Response dates = api.post("/api/v1/templates/preview",
				"{\"subject\":\"On {{ \\\"now\\\" | date: \\\"%A\\\" }}\",\"html\":\"<p>x</p>\"}");

		assertThat(liquid.status()).isEqualTo(400);
		assertThat(liquid.body().get("type").asText()).endsWith("invalid-liquid");
		assertThat(zone.status()).isEqualTo(400);
		assertThat(nobody.status()).isEqualTo(400);
		assertThat(dates.body().get("subject").asText()).matches("On [A-Z][a-z]+day");
	}

}
