package com.penguinmails.inbound;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.inbound.InboxFixture.Replied;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two-pane inbox of issue 16: done (archive) and back on new mail, search, bulk
 * actions, send later (the outbox's not_before, cancellable while queued), variables
 * rendered for the contact (unknown ones refused, the draft kept), the contact card and
 * the pane.
 */
@IntegrationTest
class InboxTwoPaneTests {

	static GreenMail mail = InboundFixtures.mail();

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Inbox inbox;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboxFixture conversations;

	/** Ada answered the workspace's campaign: "Yes, tell me more." */
	Replied replied(String name) throws Exception {
		return conversations.replied(name, "Yes, tell me more.", "ada");
	}

	static Inbox.Filter search(String q) {
		return new Inbox.Filter(null, null, false, null, "replies", q, false);
	}

	@Test
	void doneLeavesTheDefaultViewAndANewMessageBringsItBack() throws Exception {
		Replied replied = replied("inbox-done");
		Account account = replied.sender().account();
		Api api = fixtures.api(account, "inbox:read", "inbox:write");
		assertThat(api.post("/api/v1/inbox/threads/" + replied.threadId() + "/archive", "").status()).isEqualTo(204);
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data()).isEmpty();
		assertThat(api.get("/api/v1/inbox", "done", "true").body().get("data")).hasSize(1);
		assertThat(inbox.conversation(account.owner(), replied.threadId(), false).done()).isTrue();

		replied.sender()
			.user()
			.deliver(message(replied.address(), replied.sender().mailbox().email(), "Re: Quick question",
					"One more thing.", Map.of("In-Reply-To", replied.ours())));
		sync.sync(account.workspaceId(), replied.sender().mailbox().id());
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data()).singleElement()
			.satisfies(thread -> {
				assertThat(thread.id()).isEqualTo(replied.threadId());
				assertThat(thread.snippet()).contains("One more thing.");
				assertThat(thread.done()).isFalse();
			});
		assertThat(api.get("/api/v1/inbox", "done", "true").body().get("data")).isEmpty();

		assertThat(api.post("/api/v1/inbox/threads/" + replied.threadId() + "/archive", "").status()).isEqualTo(204);
		assertThat(api.post("/api/v1/inbox/threads/" + replied.threadId() + "/unarchive", "").status()).isEqualTo(204);
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data()).hasSize(1);
		assertThat(api.post("/api/v1/inbox/threads/" + UUID.randomUUID() + "/archive", "").status()).isEqualTo(404);
		assertThat(api.post("/api/v1/inbox/threads/not-an-id/archive", "").status()).isEqualTo(400);
	}

	@Test
	void searchFindsConversationsBySenderSubjectAndText() throws Exception {
		Replied replied = replied("inbox-search");
		Account account = replied.sender().account();
		for (String q : new String[] { replied.address().substring(0, 10), "quick QUESTION", "tell me more" }) {
			assertThat(inbox.threads(account.owner(), search(q), null, 50).data()).as(q).hasSize(1);
		}
		for (String q : new String[] { "nothing like this", "%", "_" }) {
			assertThat(inbox.threads(account.owner(), search(q), null, 50).data()).as(q).isEmpty();
		}
		Api api = fixtures.api(account, "inbox:read");
		assertThat(api.get("/api/v1/inbox", "q", "tell me").body().get("data")).hasSize(1);
		assertThat(api.get("/api/v1/inbox", "q", "x".repeat(201)).status()).isEqualTo(400);
	}

	@Test
	void bulkLabelsMarksAndArchivesOnlyTheWorkspacesConversations() throws Exception {
		Replied replied = replied("inbox-bulk");
		Replied other = replied("inbox-bulk-other");
		Account account = replied.sender().account();
		Api api = fixtures.api(account, "inbox:read", "inbox:write");
		String ids = "[\"" + replied.threadId() + "\", \"" + other.threadId() + "\"]";
		Api.Response labelled = api.post("/api/v1/inbox/bulk",
				"{\"threadIds\": " + ids + ", \"action\": \"label\", \"label\": \"meeting_booked\"}");
		assertThat(labelled.status()).isEqualTo(200);
		assertThat(labelled.body().get("changed").asInt()).isEqualTo(1);
		assertThat(api.get("/api/v1/inbox", "label", "meeting_booked").body().get("data")).hasSize(1);
		assertThat(
				inbox.threads(other.sender().account().owner(), Inbox.Filter.replies(), null, 50).data().get(0).label())
			.isNull();

		api.post("/api/v1/inbox/bulk", "{\"threadIds\": " + ids + ", \"action\": \"read\"}");
		assertThat(inbox.unread(account.owner())).isZero();
		api.post("/api/v1/inbox/bulk", "{\"threadIds\": " + ids + ", \"action\": \"unread\"}");
		assertThat(inbox.unread(account.owner())).isEqualTo(1);
		assertThat(api.get("/api/v1/inbox", "unread", "true").body().get("data")).hasSize(1);
		api.post("/api/v1/inbox/bulk", "{\"threadIds\": " + ids + ", \"action\": \"archive\"}");
		assertThat(api.get("/api/v1/inbox").body().get("data")).isEmpty();

		assertThat(api.post("/api/v1/inbox/bulk", "{\"threadIds\": " + ids + ", \"action\": \"explode\"}").status())
			.isEqualTo(400);
		assertThat(api.post("/api/v1/inbox/bulk", "{\"threadIds\": [], \"action\": \"read\"}").status()).isEqualTo(400);
		assertThat(api.post("/api/v1/inbox/bulk", "{\"threadIds\": [\"nope\"], \"action\": \"read\"}").status())
			.isEqualTo(400);
		assertThat(fixtures.api(account, "inbox:read")
			.post("/api/v1/inbox/bulk", "{\"threadIds\": " + ids + ", \"action\": \"read\"}")
			.status()).isEqualTo(403);

		WebSession web = fixtures.signedIn(account);
		web.post("/inbox/bulk", "ids", replied.threadId().toString(), "action", "unarchive");
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data()).hasSize(1);
	}

	@Test
	void aReplySentLaterWaitsInTheOutboxAndCanBeCancelledWhileQueued() throws Exception {
		Replied replied = replied("inbox-later");
		Account account = replied.sender().account();
		Api api = fixtures.api(account, "inbox:read", "inbox:write");
		Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		Api.Response created = api.post("/api/v1/inbox/threads/" + replied.threadId() + "/replies",
				"{\"text\": \"Talk tomorrow.\", \"sendAt\": \"" + at + "\"}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(Instant.parse(created.body().get("scheduledFor").asText())).isEqualTo(at);
		String entryId = created.body().get("id").asText();
		Map<String, Object> row = fixtures.jdbc()
			.sql("SELECT o.status, o.not_before FROM outbox o JOIN inbound_messages m ON m.outbox_id = o.id"
					+ " WHERE m.id = ?::uuid")
			.param(entryId)
			.query()
			.singleRow();
		assertThat(row.get("status")).isEqualTo("queued");
		assertThat(((Timestamp) row.get("not_before")).toInstant()).isEqualTo(at);
		assertThat(inbox.conversation(account.owner(), replied.threadId(), false).entries())
			.filteredOn(Inbox.Entry::scheduled)
			.singleElement()
			.satisfies(entry -> assertThat(entry.scheduledFor()).isEqualTo(at));
		String page = fixtures.signedIn(account)
			.get("/inbox?open=" + replied.threadId())
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Scheduled for").contains("Cancel scheduled reply");

		setup.deliverQueued();
		String cancel = "/api/v1/inbox/threads/" + replied.threadId() + "/replies/" + entryId + "/cancel";
		assertThat(api.post(cancel, "").status()).isEqualTo(204);
		assertThat(fixtures.jdbc()
			.sql("SELECT o.status FROM outbox o JOIN inbound_messages m ON m.outbox_id = o.id WHERE m.id = ?::uuid")
			.param(entryId)
			.query(String.class)
			.single()).isEqualTo("cancelled");
		assertThat(api.post(cancel, "").status()).isEqualTo(404);
		assertThat(inbox.conversation(account.owner(), replied.threadId(), false).entries())
			.noneMatch(Inbox.Entry::scheduled);

		assertThat(api
			.post("/api/v1/inbox/threads/" + replied.threadId() + "/replies",
					"{\"text\": \"Too late.\", \"sendAt\": \"2001-01-01T00:00:00Z\"}")
			.status()).isEqualTo(400);
	}

	@Test
	void variablesAreRenderedForTheContactAndAnUnknownOneIsRefusedKeepingTheDraft() throws Exception {
		Replied replied = replied("inbox-vars");
		Account account = replied.sender().account();
		Inbox.Entry entry = inbox.reply(account.owner(), replied.threadId(),
				"Hi {{ first_name }}, the deck for {{ company }} is attached. {{ sender.email }}");
		assertThat(entry.text())
			.isEqualTo("Hi Ada, the deck for Client is attached. " + replied.sender().mailbox().email());
		assertThatThrownBy(() -> inbox.reply(account.owner(), replied.threadId(), "Hi {{ nickname }}"))
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining("nickname");

		Api api = fixtures.api(account, "inbox:read", "inbox:write");
		Api.Response refused = api.post("/api/v1/inbox/threads/" + replied.threadId() + "/replies",
				"{\"text\": \"Hi {{ nickname }}\"}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body().get("detail").asText()).contains("nickname");

		WebSession web = fixtures.signedIn(account);
		var result = web.post("/inbox/" + replied.threadId() + "/reply", "text", "Hi {{ nickname }}", "view", "pane");
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/inbox?open=" + replied.threadId());
		assertThat(result.getFlashMap().get("draft")).isEqualTo("Hi {{ nickname }}");
		assertThat((String) result.getFlashMap().get("error")).contains("nickname");
	}

	@Test
	void theConversationCarriesTheContactCardAndThePaneRendersAlone() throws Exception {
		Replied replied = replied("inbox-card");
		Account account = replied.sender().account();
		Api api = fixtures.api(account, "inbox:read");
		var contact = api.get("/api/v1/inbox/threads/" + replied.threadId()).body().get("contact");
		assertThat(contact.get("name").asText()).isEqualTo("Ada");
		assertThat(contact.get("company").asText()).isEqualTo("Client");
		assertThat(contact.get("statusLabel").asText()).isEqualTo("Active");
		assertThat(contact.get("campaigns").get(0).get("id").asText()).isEqualTo(replied.campaign().id().toString());

		fixtures.jdbc()
			.sql("UPDATE contacts SET custom = '{\"deal_size\": \"big\"}'::jsonb WHERE id = ?")
			.param(java.util.UUID.fromString(contact.get("id").asText()))
			.update();
		WebSession web = fixtures.signedIn(account);
		String pane = web.get("/inbox/" + replied.threadId() + "/pane").getResponse().getContentAsString();
		// A custom field reads as a label, as on the contact's page.
		assertThat(pane).contains("<dt>Deal size</dt><dd>big</dd>");
		assertThat(pane).doesNotContain("<html")
			.contains("Open contact")
			.contains("/contacts/" + contact.get("id").asText())
			.contains("/campaigns/" + replied.campaign().id())
			.contains("From: <strong id=\"reply-from\">" + replied.sender().mailbox().email());
		String page = web.get("/inbox?open=" + replied.threadId()).getResponse().getContentAsString();
		assertThat(page).contains("<html").contains("Yes, tell me more.").contains("has-open");
		assertThat(web.get("/inbox?open=nope").getResponse().getStatus()).isEqualTo(400);
		// Opening a conversation keeps the list's filters in the address, the default
		// view's left out.
		assertThat(page).contains("href=\"/inbox?open=" + replied.threadId() + "\"");
		assertThat(web.get("/inbox?show=all&unread=false").getResponse().getContentAsString())
			.contains("href=\"/inbox?show=all&amp;open=" + replied.threadId() + "\"")
			.contains("hx-push-url=\"/inbox?show=all&amp;open=" + replied.threadId() + "\"");
	}

}
