package com.penguinmails.templates;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;
import com.penguinmails.templates.Templates.Draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Previews (and test sends) rendered for a stored contact of the workspace. */
@IntegrationTest
class TemplatePreviewWithContactTests {

	@Autowired
	Templates templates;

	@Autowired
	Contacts contacts;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	private EmailTemplate template(Account account, String subject, String html) {
		return templates.create(account.owner(),
				new Draft("Preview-" + UUID.randomUUID().toString().substring(0, 8), subject, html, null));
	}

	private Contact contact(Account account, String firstName, String company, String timeZone) {
		return contacts.create(account.owner(), new NewContact(Fixtures.uniqueEmail("lead"), firstName, "Lovelace",
				company, null, null, null, null, timeZone, null, Map.of("plan", "gold"), List.of()));
	}

	private MvcResult preview(Account account, UUID templateId, String body) throws Exception {
		String key = fixtures.apiKey(account, "templates:write", "contacts:read");
		return mvc
			.perform(post("/api/v1/templates/" + templateId + "/preview").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andReturn();
	}

	private JsonNode rendered(Account account, UUID templateId, String body) throws Exception {
		MvcResult result = preview(account, templateId, body);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return json.readTree(result.getResponse().getContentAsString());
	}

	@Test
	void aStoredContactsFieldsAreUsedAndComeOutHtmlEscaped() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-contact-xss");
		Contact contact = contact(account, "<script>alert(1)</script>", "Acme", null);
		EmailTemplate template = template(account, "For {{ company }}",
				"<p>Hi {{ first_name }} on the {{ plan }} plan</p>");

		JsonNode preview = rendered(account, template.id(), "{\"contactId\":\"" + contact.id() + "\"}");

		assertThat(preview.get("subject").asText()).isEqualTo("For Acme");
		assertThat(preview.get("html").asText())
			.isEqualTo("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; on the gold plan</p>");
		assertThat(preview.get("missing")).isEmpty();
	}

	@Test
	void sampleFieldsInTheRequestOverrideTheContactsValues() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-contact-override");
		Contact contact = contact(account, "Ada", "Acme", null);
		EmailTemplate template = template(account, "Hi {{ first_name }}",
				"<p>{{ company }}, from {{ sender.first_name }}</p>");

		JsonNode preview = rendered(account, template.id(), "{\"contactId\":\"" + contact.id()
				+ "\",\"contact\":{\"company\":\"Initech\",\"sender\":{\"first_name\":\"Sam\"}}}");

		assertThat(preview.get("subject").asText()).isEqualTo("Hi Ada");
		assertThat(preview.get("html").asText()).isEqualTo("<p>Initech, from Sam</p>");
	}

	@Test
	void aContactWithoutFirstNameIsMissingItUnlessTheTemplateHasADefault() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-contact-missing");
		Contact contact = contact(account, null, "Acme", null);
		EmailTemplate strict = template(account, "Hi {{ first_name }}", "<p>Hi {{ first_name }}</p>");
		EmailTemplate lenient = template(account, "Hi {{ first_name | default: 'there' }}",
				"<p>Hi {{ first_name | default: 'there' }}</p>");
		String body = "{\"contactId\":\"" + contact.id() + "\"}";

		assertThat(rendered(account, strict.id(), body).get("missing").toString()).contains("first_name");
		JsonNode withDefault = rendered(account, lenient.id(), body);
		assertThat(withDefault.get("missing")).isEmpty();
		assertThat(withDefault.get("subject").asText()).isEqualTo("Hi there");
	}

	@Test
	void datesAreInTheContactsTimeZoneUnlessTheRequestGivesOne() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-contact-zone");
		Contact tokyo = contact(account, "Ada", "Acme", "Asia/Tokyo");
		// Zones are checked when written; one stored before that check renders in UTC.
		Contact unknown = contact(account, "Bo", "Acme", null);
		fixtures.jdbc()
			.sql("UPDATE contacts SET time_zone = 'Somewhere/Else' WHERE id = ?")
			.param(unknown.id())
			.update();
		// A date without an offset is read in the rendering time zone; %z prints it.
		EmailTemplate template = template(account, "{{ '2026-11-25 23:30:00' | date: '%Y-%m-%d %H:%M %z' }}",
				"<p>x</p>");

		assertThat(rendered(account, template.id(), "{\"contactId\":\"" + tokyo.id() + "\"}").get("subject").asText())
			.isEqualTo("2026-11-25 23:30 +0900");
		assertThat(rendered(account, template.id(), "{\"contactId\":\"" + tokyo.id() + "\",\"timeZone\":\"UTC\"}")
			.get("subject")
			.asText()).isEqualTo("2026-11-25 23:30 +0000");
		assertThat(rendered(account, template.id(), "{\"contactId\":\"" + unknown.id() + "\"}").get("subject").asText())
			.isEqualTo("2026-11-25 23:30 +0000");
	}

	@Test
	void anotherWorkspacesContactIsNotFound() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-contact-own");
		Account other = fixtures.verifiedAccount("tpl-contact-other");
		Contact elsewhere = contact(other, "Eve", "Other Inc", null);
		EmailTemplate template = template(account, "Hi {{ first_name }}", "<p>Hi {{ first_name }}</p>");

		MvcResult result = preview(account, template.id(), "{\"contactId\":\"" + elsewhere.id() + "\"}");

		assertThat(result.getResponse().getStatus()).isEqualTo(404);
		assertThat(result.getResponse().getContentAsString()).doesNotContain("Eve");
		String key = fixtures.apiKey(account, "templates:write", "contacts:read", "mailboxes:write");
		assertThat(mvc
			.perform(post("/api/v1/templates/" + template.id() + "/send-test").header("Authorization", "Bearer " + key)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"contactId\":\"" + elsewhere.id() + "\",\"mailboxId\":\"" + UUID.randomUUID()
						+ "\",\"to\":\"x@example.com\"}"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void thePagePreviewsWithTheChosenContact() throws Exception {
		Account account = fixtures.verifiedAccount("tpl-contact-page");
		Contact contact = contact(account, "Grace", "Navy", "America/New_York");
		EmailTemplate template = template(account, "Hi {{ first_name }} at {{ company }}",
				"<p>Hi {{ first_name }}</p><script>alert(1)</script>");
		WebSession session = fixtures.signedIn(account);
		String path = "/templates/" + template.id();
		assertThat(session.get(path).getResponse().getContentAsString()).contains("Sample values (typed below)")
			.contains(contact.email() + " · Grace Lovelace");

		String page = session
			.post(path + "/preview", "contactId", contact.id().toString(), "first_name", "Ada", "company", "Typed Inc",
					"timeZone", "")
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("<span id=\"preview-subject\">Hi Grace at Navy</span>")
			.contains("<iframe sandbox=\"\"")
			.contains("value=\"" + contact.id() + "\" selected=\"selected\"")
			.doesNotContain("Would not be sent");
	}

}
