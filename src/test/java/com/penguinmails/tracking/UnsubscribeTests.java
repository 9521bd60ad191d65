package com.penguinmails.tracking;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Suppressions;
import com.penguinmails.delivery.OutgoingMessage;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.tracking.TrackingFixtures.Message;
import com.penguinmails.tracking.Unsubscribed.Scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The unsubscribe link of a message: a preference page on GET (this campaign or
 * everything), the RFC 8058 one-click POST, and nothing for a tampered link.
 */
@IntegrationTest
@RecordApplicationEvents
class UnsubscribeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Outbox outbox;

	@Autowired
	com.penguinmails.tracking.internal.LinkTokens links;

	@Autowired
	com.penguinmails.shared.Secrets secrets;

	@Autowired
	Contacts contacts;

	@Autowired
	Suppressions suppressions;

	@Autowired
	TrackingFixtures tracked;

	@Autowired
	ApplicationEvents published;

	/** A message of no campaign, queued: its outbox row and enrolment. */
	private record Queued(UUID outboxId, UUID enrolmentId) {
	}

	private Queued queued(Account account, UUID contactId, String to) {
		UUID enrolment = UUID.randomUUID();
		UUID outboxId = outbox
			.enqueue(
					new OutgoingMessage(account.workspaceId(), null, enrolment, 0, 0, UUID.randomUUID(),
							"sam@sender.test", contactId, to, "", "Hi", "<p>Hi</p>", "Hi", null, null),
					java.time.Instant.now())
			.orElseThrow()
			.outboxId();
		return new Queued(outboxId, enrolment);
	}

	private String token(Queued queued) {
		return links.unsubscribe(queued.enrolmentId(), 0);
	}

	@Test
	void aGetOnlyAsksAndTheOneClickPostUnsubscribesAtOnce() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe");
		UUID jo = contacts
			.create(account.owner(),
					new Contacts.NewContact("jo@client.test", "Jo", "", "", "", "", "", "", "", "", null, List.of()))
			.id();
		String token = token(queued(account, jo, "jo@client.test"));

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
		assertThat(contacts.get(account.owner(), jo).status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
		// Again is harmless.
		assertThat(mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void aContactWhoBouncedAndThenUnsubscribesCountsAsUnsubscribedOnce() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-bounced");
		UUID jo = contacts
			.create(account.owner(),
					new Contacts.NewContact("jo@client.test", "Jo", "", "", "", "", "", "", "", "", null, List.of()))
			.id();
		Queued message = queued(account, jo, "jo@client.test");
		// The bounce suppressed the address already.
		contacts.markStatus(account.workspaceId(), jo, ContactStatus.BOUNCED);
		assertThat(suppressions.isSuppressed(account.workspaceId(), "jo@client.test")).isTrue();

		for (int i = 0; i < 2; i++) {
			assertThat(mvc
				.perform(post("/u/" + token(message)).contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.content("List-Unsubscribe=One-Click"))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(200);
		}

		assertThat(contacts.get(account.owner(), jo).status()).isEqualTo(ContactStatus.UNSUBSCRIBED);
		assertThat(unsubscribed(message.outboxId())).as("the person's unsubscribe, once").containsExactly(Scope.ALL);
	}

	@Test
	void theConfirmationPageUnsubscribesAndATamperedLinkIsNotFound() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-page");
		String token = token(queued(account, null, "someone@client.test"));
		String done = mvc.perform(post("/u/" + token)).andReturn().getResponse().getContentAsString();
		assertThat(done).contains("You are unsubscribed").contains("someone@client.test");
		assertThat(suppressions.isSuppressed(account.workspaceId(), "someone@client.test")).isTrue();

		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
		assertThat(mvc.perform(get("/u/" + tampered)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(post("/u/" + tampered)).andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/u/not-a-token")).andReturn().getResponse().getStatus()).isEqualTo(404);
		String unknown = links.unsubscribe(UUID.randomUUID(), 0);
		assertThat(mvc.perform(post("/u/" + unknown)).andReturn().getResponse().getStatus()).isEqualTo(404);
		// A click or open token of a real message is no unsubscribe link.
		Queued other = queued(account, null, "other@client.test");
		assertThat(mvc.perform(post("/u/" + links.open(other.enrolmentId(), 0))).andReturn().getResponse().getStatus())
			.isEqualTo(404);
		unknown = LegacyUnsubscribeTokens.token(secrets, UUID.randomUUID());
		assertThat(mvc.perform(post("/u/" + unknown)).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

	@Test
	void thePageNamesTheWorkspacesPublicSenderNameNotItsInternalName() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-sender");
		String link = "/u/" + links.unsubscribe(campaignMessage(account).enrolmentId(), 0);
		// Never set: the workspace's name.
		assertThat(mvc.perform(get(link)).andReturn().getResponse().getContentAsString())
			.contains("unsubscribe-sender Inc");

		fixtures.signedIn(account).post("/settings/workspace/sender-name", "senderName", "  Ada at Acme ");
		String page = mvc.perform(get(link)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Everything from <strong>Ada at Acme</strong>")
			.doesNotContain("unsubscribe-sender Inc");
		String done = mvc.perform(post(link)).andReturn().getResponse().getContentAsString();
		assertThat(done).contains("will get no more email from <span>Ada at Acme</span>");

		// Cleared: the workspace's name again.
		fixtures.signedIn(account).post("/settings/workspace/sender-name", "senderName", "");
		assertThat(mvc.perform(get(link)).andReturn().getResponse().getContentAsString())
			.contains("unsubscribe-sender Inc");
	}

	@Test
	void aSenderNameOfTwoLinesIsRefusedOnTheSettingsPage() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-bad-sender");
		var result = fixtures.signedIn(account).post("/settings/workspace/sender-name", "senderName", "Ada\r\nBcc: x");
		assertThat(result.getFlashMap().get("error")).asString().contains("one line");
		assertThat(fixtures.jdbc()
			.sql("SELECT sender_name FROM workspaces WHERE id = ?")
			.param(account.workspaceId())
			.query(String.class)
			.optional()).isEmpty();
	}

	/** A campaign's message to jo, as queued; the campaign stops on an unsubscribe. */
	private Message campaignMessage(Account account) {
		Campaign campaign = tracked.launched(account, Campaign.Tracking.off(), "<p>Hello</p>", "jo@client.test");
		return tracked.messages(campaign.id()).get(0);
	}

	private String enrolment(Message message) {
		fixtures.enrolmentEventsHandled();
		return fixtures.jdbc()
			.sql("SELECT state || ' ' || coalesce(stop_reason, '') FROM enrolments WHERE id = ?")
			.param(message.enrolmentId())
			.query(String.class)
			.single()
			.strip();
	}

	private String contactStatus(Account account) {
		return fixtures.jdbc()
			.sql("SELECT status FROM contacts WHERE workspace_id = ? AND email = 'jo@client.test'")
			.param(account.workspaceId())
			.query(String.class)
			.single();
	}

	private java.util.List<Scope> unsubscribed(UUID outboxId) {
		return published.stream(Unsubscribed.class)
			.filter(event -> event.outboxId().equals(outboxId))
			.map(Unsubscribed::scope)
			.toList();
	}

	@Test
	void aCampaignsMessageOffersThisCampaignOrEverything() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-choices");
		Message jo = campaignMessage(account);

		String page = mvc.perform(get("/u/" + links.unsubscribe(jo.enrolmentId(), 0)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Only the emails of this campaign")
			.contains("Everything from")
			.contains("name=\"scope\" value=\"campaign\"")
			.contains("name=\"scope\" value=\"all\" checked");
		assertThat(enrolment(jo)).isEqualTo("active");
	}

	@Test
	void onlyThisCampaignStopsTheEnrolmentWithoutSuppressing() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-campaign");
		Message jo = campaignMessage(account);

		String done = mvc
			.perform(post("/u/" + links.unsubscribe(jo.enrolmentId(), 0))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("scope=campaign"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(done).contains("You are unsubscribed").contains("no more email of this campaign");
		assertThat(enrolment(jo)).isEqualTo("stopped unsubscribed from this campaign");
		assertThat(suppressions.isSuppressed(account.workspaceId(), "jo@client.test")).isFalse();
		assertThat(contactStatus(account)).isNotEqualTo("unsubscribed");
		assertThat(unsubscribed(jo.outboxId())).containsExactly(Scope.CAMPAIGN);
		assertThat(published.stream(Unsubscribed.class).filter(event -> event.outboxId().equals(jo.outboxId())))
			.singleElement()
			.satisfies(event -> {
				assertThat(event.address()).isEqualTo("jo@client.test");
				assertThat(event.enrolmentId()).isEqualTo(jo.enrolmentId());
			});
	}

	@Test
	void everythingSuppressesTheAddressAndStopsTheEnrolment() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-all");
		Message jo = campaignMessage(account);

		String done = mvc
			.perform(post("/u/" + links.unsubscribe(jo.enrolmentId(), 0))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("scope=all"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(done).contains("will get no more email").doesNotContain("of this campaign");
		assertThat(suppressions.isSuppressed(account.workspaceId(), "jo@client.test")).isTrue();
		assertThat(contactStatus(account)).isEqualTo("unsubscribed");
		assertThat(enrolment(jo)).isEqualTo("stopped unsubscribed");
		assertThat(unsubscribed(jo.outboxId())).containsExactly(Scope.ALL);
	}

	@Test
	void theOneClickPostAlwaysUnsubscribesFromEverything() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-one-click-all");
		Message jo = campaignMessage(account);
		String token = links.unsubscribe(jo.enrolmentId(), 0);

		assertThat(mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		// Again (providers retry): harmless, and no second event.
		mvc.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("List-Unsubscribe=One-Click"));

		assertThat(suppressions.isSuppressed(account.workspaceId(), "jo@client.test")).isTrue();
		assertThat(enrolment(jo)).isEqualTo("stopped unsubscribed");
		assertThat(unsubscribed(jo.outboxId())).containsExactly(Scope.ALL);
	}

	@Test
	void aMessageOfNoCampaignOffersOnlyEverything() throws Exception {
		Account account = fixtures.verifiedAccount("unsubscribe-no-campaign");
		Queued solo = queued(account, null, "solo@client.test");
		UUID outboxId = solo.outboxId();
		String token = token(solo);

		String page = mvc.perform(get("/u/" + token)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Stop all email from")
			.doesNotContain("Only the emails of this campaign")
			.doesNotContain("value=\"campaign\"");
		// A forged "this campaign" still unsubscribes: there is no campaign to leave.
		mvc.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED).content("scope=campaign"));
		assertThat(suppressions.isSuppressed(account.workspaceId(), "solo@client.test")).isTrue();
		assertThat(unsubscribed(outboxId)).containsExactly(Scope.ALL);
	}

	@Test
	void aHeaderLinkOfTheEarlierFormatStillUnsubscribes() throws Exception {
		// Messages delivered before there was one format carry the outbox id in their
		// List-Unsubscribe header: those links keep working.
		Account account = fixtures.verifiedAccount("unsubscribe-legacy");
		Queued old = queued(account, null, "old@client.test");
		String token = LegacyUnsubscribeTokens.token(secrets, old.outboxId());

		assertThat(mvc.perform(get("/u/" + token)).andReturn().getResponse().getContentAsString())
			.contains("Unsubscribe?")
			.contains("old@client.test");
		assertThat(mvc
			.perform(post("/u/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("List-Unsubscribe=One-Click"))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
		assertThat(suppressions.isSuppressed(account.workspaceId(), "old@client.test")).isTrue();
		assertThat(unsubscribed(old.outboxId())).containsExactly(Scope.ALL);

		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
		assertThat(mvc.perform(get("/u/" + tampered)).andReturn().getResponse().getStatus()).isEqualTo(404);
	}

}
