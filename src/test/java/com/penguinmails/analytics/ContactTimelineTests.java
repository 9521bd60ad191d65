package com.penguinmails.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.contacts.ContactImports;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.contacts.Segments;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.inbound.InboundSync;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A contact's activity timeline: what was sent, opened, clicked, answered and bounced,
 * and the contact's own changes, newest first, paged, in the API and on the page.
 */
@IntegrationTest
class ContactTimelineTests {

	/** A person's browser: requests without a User-Agent are machines'. */
	private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Contacts contacts;

	@Autowired
	Segments segments;

	@Autowired
	ContactImports imports;

	@Autowired
	Fixtures fixtures;

	@Autowired
	MockMvc mvc;

	/** Sends to a new contact, then opens, clicks, replies and bounces; its id. */
	UUID engaged(Sender sender, String to) throws Exception {
		Campaign campaign = setup.sendTo(sender, List.of(to), new Campaign.Tracking(true, true),
				"<p>Hi, read <a href=\"https://example.com/guide\">the guide</a>.</p>");
		String html = fixtures.jdbc()
			.sql("SELECT html FROM outbox WHERE campaign_id = ? AND step = 0")
			.param(campaign.id())
			.query(String.class)
			.single();
		Matcher pixel = Pattern.compile("background=\"https?://[^/]+(/o/[A-Za-z0-9_-]+)\"").matcher(html);
		Matcher click = Pattern.compile("href=\"https?://[^/]+(/c/[A-Za-z0-9_-]+)\"").matcher(html);
		assertThat(pixel.find()).isTrue();
		assertThat(click.find()).isTrue();
		mvc.perform(get(pixel.group(1)).header("User-Agent", BROWSER));
		mvc.perform(get(click.group(1)).header("User-Agent", BROWSER));
		sender.user()
			.deliver(message(to, sender.mailbox().email(), "Re: Quick question",
					"Sounds good, let's talk on Tuesday.\n\nOn Monday Sam wrote:\n> Hi",
					Map.of("In-Reply-To", setup.sentMessageId(campaign))));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		InboundFixtures.deliverRaw(sender.user(),
				InboundFixtures.dsn(sender.mailbox().email(), to, "failed", "5.1.1",
						"552 5.2.2 <" + to + ">: Mailbox full, over quota", setup.outboxId(campaign),
						setup.sentMessageId(campaign)));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		return contacts.idByEmail(sender.account().workspaceId(), to).orElseThrow();
	}

	@Test
	void showsSendOpenClickReplyAndBounceNewestFirstWithLinks() throws Exception {
		Sender sender = setup.sender("timeline-mail");
		String to = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID contactId = engaged(sender, to);

		Api api = fixtures.api(sender.account(), "contacts:read");
		Api.Response response = api.get("/api/v1/contacts/" + contactId + "/timeline");
		assertThat(response.status()).isEqualTo(200);
		JsonNode data = response.body().get("data");
		List<String> kinds = new java.util.ArrayList<>();
		data.forEach(entry -> kinds.add(entry.get("kind").asText()));
		assertThat(kinds).contains("sent", "opened", "clicked", "replied", "bounced", "created");
		// Newest first: the reply came after the send (an hour before).
		assertThat(kinds.indexOf("replied")).isLessThan(kinds.indexOf("sent"));
		List<java.time.Instant> times = new java.util.ArrayList<>();
		data.forEach(entry -> times.add(java.time.Instant.parse(entry.get("at").asText())));
		assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		JsonNode sent = entry(data, "sent");
		assertThat(sent.get("title").asText()).isEqualTo("Sent step 1 (variant A) from " + sender.mailbox().email());
		assertThat(sent.get("links").get(0).get("href").asText())
			.isEqualTo("/campaigns/" + sent.get("campaignId").asText());
		assertThat(sent.get("campaignName").asText()).startsWith("Inbound ");
		assertThat(entry(data, "clicked").get("title").asText()).isEqualTo("Clicked https://example.com/guide");
		JsonNode reply = entry(data, "replied");
		assertThat(reply.get("title").asText()).isEqualTo("Replied: \u201cSounds good, let's talk on Tuesday.\u201d");
		assertThat(reply.get("links").get(0).get("href").asText()).startsWith("/inbox?open=");
		assertThat(entry(data, "bounced").get("title").asText()).contains("mailbox full");

		// Pages of two walk the same entries in the same order.
		List<String> walked = new java.util.ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = cursor == null ? api.get("/api/v1/contacts/" + contactId + "/timeline", "limit", "2").body()
					: api.get("/api/v1/contacts/" + contactId + "/timeline", "limit", "2", "cursor", cursor).body();
			page.get("data").forEach(entry -> walked.add(entry.get("kind").asText()));
			cursor = page.path("nextCursor").isMissingNode() || page.get("nextCursor").isNull() ? null
					: page.get("nextCursor").asText();
		}
		while (cursor != null);
		assertThat(walked).isEqualTo(kinds);

		JsonNode engagement = api.get("/api/v1/contacts/" + contactId + "/timeline", "kinds", "engagement")
			.body()
			.get("data");
		assertThat(engagement).allSatisfy(entry -> assertThat(entry.get("group").asText()).isEqualTo("engagement"));

		String page = fixtures.signedIn(sender.account())
			.get("/contacts/" + contactId + "/timeline")
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Sounds good, let&#39;s talk on Tuesday.")
			.contains("/inbox?open=")
			.contains("Opened");
	}

	@Test
	void recordsCreationFieldTagStatusListAndImportChangesWithWhoDidThem() throws Exception {
		Account account = fixtures.verifiedAccount("timeline-changes");
		String email = "bo-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		UUID id = contacts
			.create(account.owner(),
					new Contacts.NewContact(email, "Bo", "", "Acme", "", "", "", "", "", "", Map.of(), List.of("old")))
			.id();
		contacts.update(account.owner(), id,
				Map.of("company", "Blue Harbor", "tags", List.of("lead"), "status", "unsubscribed"));
		var list = segments.createList(account.owner(), "Webinar leads");
		segments.addToList(account.owner(), list.id(), List.of(id));
		segments.addToList(account.owner(), list.id(), List.of(id));
		segments.removeFromList(account.owner(), list.id(), List.of(id));
		Path file = Files.createTempFile("timeline", ".csv");
		Files.writeString(file, "email,first_name\n" + email + ",Bob\n");
		imports.runNow(account.owner(), file, new ContactImports.Options(',', true, Map.of()));

		JsonNode data = fixtures.api(account, "contacts:read")
			.get("/api/v1/contacts/" + id + "/timeline", "kinds", "changes")
			.body()
			.get("data");
		List<String> titles = new java.util.ArrayList<>();
		data.forEach(entry -> titles.add(entry.get("title").asText()));
		assertThat(titles).containsExactly("Updated by a CSV import", "Removed from list Webinar leads",
				"Added to list Webinar leads", "Unsubscribed (status Active → Unsubscribed)", "Tag removed: old",
				"Tag added: lead", "Changed company: Acme → Blue Harbor", "Contact created");
		assertThat(data.get(1).get("detail").asText()).isEqualTo("By " + account.email());
	}

	@Test
	void anotherWorkspacesContactIsNotFoundAndABadCursorIsABadRequest() throws Exception {
		Account owner = fixtures.verifiedAccount("timeline-owner");
		Account other = fixtures.verifiedAccount("timeline-other");
		UUID id = contacts
			.create(owner.owner(),
					new Contacts.NewContact("cy-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test", "",
							"", "", "", "", "", "", "", "", Map.of(), List.of()))
			.id();

		Api api = fixtures.api(other, "contacts:read");
		assertThat(api.get("/api/v1/contacts/" + id + "/timeline").status()).isEqualTo(404);
		assertThat(fixtures.signedIn(other).get("/contacts/" + id + "/timeline").getResponse().getStatus())
			.isEqualTo(404);
		Api mine = fixtures.api(owner, "contacts:read");
		assertThat(mine.get("/api/v1/contacts/" + id + "/timeline", "cursor", "nonsense").status()).isEqualTo(400);
		assertThat(mine.get("/api/v1/contacts/" + id + "/timeline", "kinds", "gossip").status()).isEqualTo(400);
		assertThat(mine.get("/api/v1/contacts/" + id + "/timeline", "limit", "0").status()).isEqualTo(400);
		assertThat(fixtures.api(owner, "inbox:read").get("/api/v1/contacts/" + id + "/timeline").status())
			.isEqualTo(403);
	}

	private static JsonNode entry(JsonNode data, String kind) {
		for (JsonNode entry : data) {
			if (entry.get("kind").asText().equals(kind)) {
				return entry;
			}
		}
		throw new AssertionError("no " + kind + " in " + data);
	}

}
