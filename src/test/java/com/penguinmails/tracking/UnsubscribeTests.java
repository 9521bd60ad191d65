package com.penguinmails.tracking;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.UnsubscribeLinks;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The unsubscribe link of a message: a confirmation page on GET, the RFC 8058 one-click
 * POST, and nothing for a tampered link.
 */
@IntegrationTest
class UnsubscribeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Outbox outbox;

	@Autowired
	UnsubscribeLinks links;

	@Autowired
	Contacts contacts;

	@Autowired
	Suppressions suppressions;

	private UUID queued(Account account, UUID contactId, String to) {
		return outbox
			.enqueue(
					new OutgoingMessage(account.workspaceId(), null, UUID.randomUUID(), 0, 0, UUID.randomUUID(),
							"sam@sender.test", contactId, to, "", "Hi", "<p>Hi</p>", "Hi", null, null),
					java.time.Instant.now())
			.orElseThrow()
			.outboxId();
	}

	@Test
	void aGetOnlyAsksAndTheOneClickPostUnsubscribesAtOnce() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe");
		UUID jo = contacts
			.create(account.owner(),
					new Contacts.NewContact("jo@client.test", "Jo", "", "", "", "", "", "", "", "", null, List.of()))
			.id();
		String token = links.token(queued(account, jo, "jo@client.test"));

		// A GET (a link scanner, a preview) only shows the question.
		MockHttpServletResponse page = mvc.perform(get("/u/" + token)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("Unsubscribe?").contains("jo@client.test");
		assertThat(suppressions.isSuppressed(account.workspaceId(), "jo@client.test")).isFalse();

		// The mail provider's one-click POST: no cookie, no CSRF token, no page.
		MockHttpServletResponse oneClick = mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse();
		assertThat(oneClick.getStatus()).isEqualTo(200);
		assertThat(suppressions.isSuppressed(account.workspaceId(), "jo@client.test")).isTrue();
		assertThat(contacts.get(account.owner(), jo).status()).isEqualTo("unsubscribed");
		// Again is harmless.
		assertThat(mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void theConfirmationPageUnsubscribesAndATamperedLinkIsNotFound() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-page");
		String token = links.token(queued(account, null, "someone@client.test"));
		String done = mvc.perform(post("/u/" + token)).andReturn().getResponse().getContentAsString();
		assertThat(done).contains("You are unsubscribed").contains("someone@client.test");
		assertThat(suppressions.isSuppressed(account.workspaceId(), "someone@client.test")).isTrue();

		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
		assertThat(mvc.perform(get("/u/" + tampered)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/u/" + tampered)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/u/not-a-token")).andReturn().getResponse().getStatus()).isEqualTo(404);
		String unknown = links.token(UUID.randomUUID());
		assertThat(mvc.perform(post("/u/" + unknown)).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

}
