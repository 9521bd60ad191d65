package com.penguinmails.templates;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Contacts.NewContact;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The widgets' endpoints under /templates/editor: the signed-in session (with its CSRF
 * token) gets what the API gives an API key, and problems as RFC 9457 JSON.
 */
@IntegrationTest
class EditorHelpersPageTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Contacts contacts;

	@Autowired
	ObjectMapper json;

	private MvcResult preview(WebSession session, String body, boolean withCsrf) throws Exception {
		var request = post("/templates/editor/preview").contentType(MediaType.APPLICATION_JSON).content(body);
		return session.perform(withCsrf ? request.with(csrf().asHeader()) : request);
	}

	@Test
	void theSessionGetsVariablesContactsAndPreviewsAndProblemsAsJson() throws Exception {
		Account account = fixtures.verifiedAccount("editor-helpers");
		Contact ada = contacts.create(account.owner(), new NewContact(Fixtures.uniqueEmail("ada"), "Ada", "Lovelace",
				"Acme", null, null, null, null, null, null, Map.of(), List.of()));
		WebSession session = fixtures.signedIn(account);

		JsonNode variables = json
			.readTree(session.get("/templates/editor/variables").getResponse().getContentAsString());
		JsonNode options = json.readTree(session.get("/templates/editor/contacts").getResponse().getContentAsString());
		MvcResult rendered = preview(session,
				"{\"subject\":\"{Hi|Hello} {{ first_name }}\",\"html\":\"<p>At {{ company }}</p>\",\"contactId\":\""
						+ ada.id() + "\"}",
				true);
		MvcResult broken = preview(session, "{\"subject\":\"Hi {{ first_name\",\"html\":\"<p>x</p>\"}", true);
		MvcResult forged = preview(session, "{\"subject\":\"Hi\",\"html\":\"<p>x</p>\"}", false);

		assertThat(variables.get("groups").get(0).get("name").asText()).isEqualTo("Contact");
		assertThat(options.findValuesAsText("label")).containsExactly("Ada Lovelace · " + ada.email());
		assertThat(rendered.getResponse().getStatus()).isEqualTo(200);
		JsonNode preview = json.readTree(rendered.getResponse().getContentAsString());
		assertThat(preview.get("subject").asText()).matches("(Hi|Hello) Ada");
		assertThat(preview.get("html").asText()).isEqualTo("<p>At Acme</p>");
		assertThat(preview.get("spintax").get("combinations").asLong()).isEqualTo(2);
		assertThat(broken.getResponse().getStatus()).isEqualTo(400);
		assertThat(broken.getResponse().getContentType()).isEqualTo("application/problem+json");
		assertThat(json.readTree(broken.getResponse().getContentAsString()).get("detail").asText())
			.startsWith("The content has a Liquid syntax error");
		assertThat(forged.getResponse().getStatus()).isEqualTo(403);
	}

}
