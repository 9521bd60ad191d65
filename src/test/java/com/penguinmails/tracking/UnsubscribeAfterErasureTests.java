package com.penguinmails.tracking;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.audit.Privacy;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.shared.Secrets;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * An unsubscribe link used after its recipient was erased (GDPR) still says "you are
 * unsubscribed", and the error page renders as a page, not as template markup.
 */
@IntegrationTest
class UnsubscribeAfterErasureTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Outbox outbox;

	@Autowired
	com.penguinmails.tracking.internal.LinkTokens links;

	@Autowired
	TrackingLinks tracking;

	@Autowired
	Secrets secrets;

	@Autowired
	Contacts contacts;

	@Autowired
	Suppressions suppressions;

	@Autowired
	Privacy privacy;

	@Value("${local.server.port}")
	int port;

	private record Sent(UUID contactId, UUID outboxId, UUID enrolmentId) {
	}

	private Sent sentAndErased(Account account, String address) {
		UUID contact = contacts
			.create(account.owner(),
					new Contacts.NewContact(address, "Jo", "", "", "", "", "", "", "", "", null, List.of()))
			.id();
		UUID enrolment = UUID.randomUUID();
		UUID outboxId = outbox
			.enqueue(
					new OutgoingMessage(account.workspaceId(), null, enrolment, 0, 0, UUID.randomUUID(),
							"sam@sender.test", contact, address, "", "Hi", "<p>Hi</p>", "Hi", null, null),
					java.time.Instant.now())
			.orElseThrow()
			.outboxId();
		privacy.erase(account.owner(), contact, "127.0.0.1");
		return new Sent(contact, outboxId, enrolment);
	}

	@Test
	void theHeaderLinkAnswers200ToThePageItsPostAndTheOneClickPost() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-erased");
		Sent sent = sentAndErased(account, "erased-jo@client.test");
		answers200AfterErasure(account, "erased-jo@client.test", links.unsubscribe(sent.enrolmentId(), 0));
	}

	@Test
	void aHeaderLinkOfTheEarlierFormatAnswers200AfterErasure() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-old-format");
		Sent sent = sentAndErased(account, "erased-ola@client.test");
		answers200AfterErasure(account, "erased-ola@client.test",
				LegacyUnsubscribeTokens.token(secrets, sent.outboxId()));
	}

	private void answers200AfterErasure(Account account, String address, String token) throws Exception {
		MockHttpServletResponse page = mvc.perform(get("/u/" + token)).andReturn().getResponse();
		assertThat(page.getStatus()).isEqualTo(200);
		assertThat(page.getContentAsString()).contains("You are unsubscribed")
			.doesNotContain(address.substring(0, address.indexOf('@')));
		MockHttpServletResponse form = mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("scope=all"))
			.andReturn()
			.getResponse();
		assertThat(form.getStatus()).isEqualTo(200);
		assertThat(form.getContentAsString()).contains("You are unsubscribed");
		// RFC 8058 §3.1.
		assertThat(mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		// The erased address stays suppressed, known by its hash alone.
		assertThat(suppressions.isSuppressed(account.workspaceId(), address)).isTrue();
	}

	@Test
	void theBodyLinkAnswers200AfterErasureToo() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-erased-body");
		Sent sent = sentAndErased(account, "erased-body@client.test");
		String url = tracking.unsubscribeUrl(sent.enrolmentId(), 0);
		String path = URI.create(url).getPath();
		assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(mvc
			.perform(
					post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void theErrorPagesRenderTheirTitleAndLeakNoTemplateMarkup() throws Exception {
		HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		for (String path : new String[] { "/u/not-a-token", "/c/not-a-token", "/css/no-such-file.css",
				"/invitations/accept?token=nope" }) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Accept", "text/html")
					.build(), HttpResponse.BodyHandlers.ofString());
			String html = response.body();
			assertThat(html).as(path).doesNotContain("th:").doesNotContain("${").doesNotContain("&lt;title");
		}
		HttpResponse<String> notFound = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/u/not-a-token"))
				.header("Accept", "text/html")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.body()).containsPattern("<title>Not Found · PenguinMails</title>")
			.containsPattern("<h1>Not Found</h1>");
	}

}
