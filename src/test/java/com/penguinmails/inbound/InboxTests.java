package com.penguinmails.inbound;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The unified inbox: conversations threaded with what the campaign sent, filters, labels,
 * read state, and a reply that leaves through the same mailbox, threaded, and whose
 * answer lands in the same conversation.
 */
@IntegrationTest
class InboxTests {

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
	com.penguinmails.contacts.Suppressions suppressions;

	/** A campaign that sent to Ada, and Ada's reply synced. */
	record Replied(Sender sender, Campaign campaign, String ada, UUID threadId) {
	}

	Replied replied(String name) throws Exception {
		Sender sender = setup.sender(name);
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, ada);
		String ours = setup.sentMessageId(campaign);
		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "Re: Quick question", "Yes, tell me more.",
					Map.of("In-Reply-To", ours, "References", ours)));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		UUID threadId = inbox.threads(sender.account().owner(), Inbox.Filter.replies(), null, 50).data().get(0).id();
		return new Replied(sender, campaign, ada, threadId);
	}

	@Test
	void aReplyIsOneConversationWithWhatTheCampaignSent() throws Exception {
		Replied replied = replied("inbox-thread");
		Account account = replied.sender().account();

		var threads = inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data();
		assertThat(threads).singleElement().satisfies(thread -> {
			assertThat(thread.from()).isEqualTo(replied.ada());
			assertThat(thread.unread()).isEqualTo(1);
			assertThat(thread.campaignId()).isEqualTo(replied.campaign().id());
			assertThat(thread.snippet()).contains("tell me more");
		});
		Inbox.Conversation conversation = inbox.conversation(account.owner(), replied.threadId(), true);
		assertThat(conversation.entries()).extracting(Inbox.Entry::direction).containsExactly("sent", "in");
		assertThat(conversation.entries().get(0).subject()).isEqualTo("Quick question");
		assertThat(conversation.replyTo()).isEqualTo(replied.ada());
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data().get(0).unread()).isZero();
	}

	@Test
	void filtersByCampaignMailboxUnreadAndLabel() throws Exception {
		Replied replied = replied("inbox-filters");
		Account account = replied.sender().account();
		UUID mailbox = replied.sender().mailbox().id();

		assertThat(inbox
			.threads(account.owner(), new Inbox.Filter(replied.campaign().id(), null, false, null, null), null, 50)
			.data()).hasSize(1);
		assertThat(
				inbox.threads(account.owner(), new Inbox.Filter(UUID.randomUUID(), null, false, null, null), null, 50)
					.data())
			.isEmpty();
		assertThat(inbox.threads(account.owner(), new Inbox.Filter(null, mailbox, true, null, null), null, 50).data())
			.hasSize(1);
		inbox.conversation(account.owner(), replied.threadId(), true);
		assertThat(inbox.threads(account.owner(), new Inbox.Filter(null, mailbox, true, null, null), null, 50).data())
			.isEmpty();

		inbox.label(account.owner(), replied.threadId(), "meeting booked");
		assertThat(inbox.threads(account.owner(), new Inbox.Filter(null, null, false, "meeting_booked", null), null, 50)
			.data()).singleElement().satisfies(thread -> assertThat(thread.label()).isEqualTo("meeting_booked"));
		assertThat(inbox.threads(account.owner(), new Inbox.Filter(null, null, false, "interested", null), null, 50)
			.data()).isEmpty();
		assertThatThrownBy(() -> inbox.label(account.owner(), replied.threadId(), "maybe"))
			.hasMessageContaining("Labels: interested");
	}

	@Test
	void aReplyFromTheInboxLeavesThroughTheSameMailboxThreadedAndItsAnswerJoinsTheConversation() throws Exception {
		Replied replied = replied("inbox-reply");
		Account account = replied.sender().account();
		Inbox.Conversation before = inbox.conversation(account.owner(), replied.threadId(), false);
		String adasMessageId = fixtures.jdbc()
			.sql("SELECT message_id FROM inbound_messages WHERE thread_id = ? AND direction = 'in'")
			.param(replied.threadId())
			.query(String.class)
			.single();

		inbox.reply(account.owner(), replied.threadId(), "Great: Tuesday 10:00 works?");
		// Queued like every message: the conversation shows it at once, the dispatcher
		// sends it.
		assertThat(inbox.conversation(account.owner(), replied.threadId(), false).entries())
			.extracting(Inbox.Entry::direction)
			.containsExactly("sent", "in", "out");
		setup.deliverQueued();

		MimeMessage out = Arrays.stream(mail.getReceivedMessages()).filter(m -> {
			try {
				return m.getSubject().equals("Re: Quick question")
						&& m.getFrom()[0].toString().contains(replied.sender().mailbox().email())
						&& m.getAllRecipients()[0].toString().equals(replied.ada());
			}
			catch (Exception ex) {
				return false;
			}
		}).findFirst().orElseThrow();
		assertThat(out.getHeader("In-Reply-To")[0]).isEqualTo(adasMessageId);
		assertThat(out.getHeader("References")[0]).contains(adasMessageId);
		// Signed with the sending domain's key, like the campaign's messages.
		assertThat(out.getHeader("DKIM-Signature")[0])
			.contains("d=" + replied.sender().mailbox().email().split("@")[1]);
		assertThat((String) out.getContent()).contains("Tuesday 10:00");
		// A person's reply, not a list's message: no List-Unsubscribe; the outbox's
		// Message-ID rule (on the sending domain).
		assertThat(out.getHeader("List-Unsubscribe")).isNull();
		assertThat(out.getMessageID()).endsWith("@" + replied.sender().mailbox().email().split("@")[1] + ">");

		// Ada answers our answer: same conversation.
		replied.sender()
			.user()
			.deliver(message(replied.ada(), replied.sender().mailbox().email(), "Re: Quick question", "Perfect.",
					Map.of("In-Reply-To", out.getMessageID())));
		sync.sync(account.workspaceId(), replied.sender().mailbox().id());
		Inbox.Conversation after = inbox.conversation(account.owner(), replied.threadId(), false);
		assertThat(after.entries()).extracting(Inbox.Entry::direction).containsExactly("sent", "in", "out", "in");
		assertThat(before.entries()).hasSize(2);
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data()).hasSize(1);
	}

	@Test
	void aReplyToASuppressedAddressIsNotSentAndTheConversationSaysWhy() throws Exception {
		Replied replied = replied("inbox-reply-suppressed");
		Account account = replied.sender().account();
		suppressions.suppress(account.workspaceId(), replied.ada(), "unsubscribed");
		long before = mail.getReceivedMessages().length;

		inbox.reply(account.owner(), replied.threadId(), "One more thing.");
		setup.deliverQueued();
		fixtures.awaitEvents("InboxReplyOutcomes");

		assertThat(mail.getReceivedMessages()).hasSize((int) before);
		Inbox.Entry out = inbox.conversation(account.owner(), replied.threadId(), false)
			.entries()
			.stream()
			.filter(entry -> entry.direction().equals("out"))
			.findFirst()
			.orElseThrow();
		assertThat(out.flags()).isEqualTo("not_delivered");
		assertThat(out.problems()).contains("suppression list");
	}

	@Test
	void anotherWorkspaceSeesNothingAndViewersCannotWrite() throws Exception {
		Replied replied = replied("inbox-isolation");
		Account stranger = fixtures.verifiedAccount("inbox-stranger");
		assertThat(inbox.threads(stranger.owner(), Inbox.Filter.replies(), null, 50).data()).isEmpty();
		assertThatThrownBy(() -> inbox.conversation(stranger.owner(), replied.threadId(), true))
			.isInstanceOf(NotFoundProblem.class);
		assertThatThrownBy(() -> inbox.label(stranger.owner(), replied.threadId(), "interested"))
			.isInstanceOf(NotFoundProblem.class);
		assertThatThrownBy(() -> inbox.reply(stranger.owner(), replied.threadId(), "Hi"))
			.isInstanceOf(NotFoundProblem.class);

		Api api = fixtures.api(replied.sender().account(), "inbox:read");
		assertThat(api.get("/api/v1/inbox").body().get("data")).hasSize(1);
		assertThat(api.get("/api/v1/inbox", "show", "everything").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/inbox", "label", "maybe").status()).isEqualTo(400);
		assertThat(api.get("/api/v1/inbox/threads/" + replied.threadId()).body().get("entries")).hasSize(2);
		assertThat(api.patch("/api/v1/inbox/threads/" + replied.threadId(), "{\"label\": \"interested\"}").status())
			.isEqualTo(403);
		Api writer = fixtures.api(replied.sender().account(), "inbox:write");
		var changed = writer.patch("/api/v1/inbox/threads/" + replied.threadId(),
				"{\"label\": \"interested\", \"read\": true}");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.body().get("label").asText()).isEqualTo("interested");
		var bad = writer.patch("/api/v1/inbox/threads/" + replied.threadId(), "{\"label\": \"maybe\"}");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body().get("type").asText()).contains("invalid-label");
		assertThat(
				writer.post("/api/v1/inbox/threads/" + replied.threadId() + "/replies", "{\"text\": \" \"}").status())
			.isEqualTo(400);
		assertThat(fixtures.api(stranger, "inbox:read").get("/api/v1/inbox/threads/" + replied.threadId()).status())
			.isEqualTo(404);
		var mailbox = "/api/v1/inbox/mailboxes/" + replied.sender().mailbox().id() + "/sync";
		assertThat(fixtures.api(stranger, "inbox:write").post(mailbox, "{}").status()).isEqualTo(404);
		var synced = writer.post(mailbox, "{}");
		assertThat(synced.status()).isEqualTo(200);
		assertThat(synced.body().hasNonNull("error")).isFalse();
		assertThat(synced.body().get("folders").get(0).asText()).isEqualTo("INBOX");
	}

	@Test
	void aViewerReadsTheInboxButChangesNothingAndAReadOnlyKeyCannotWrite() throws Exception {
		Replied replied = replied("inbox-viewer");
		Account owner = replied.sender().account();
		Account viewer = fixtures.verifiedAccount("inbox-viewer-member");
		fixtures.join(owner, viewer, com.penguinmails.shared.WorkspaceRole.VIEWER);
		WebSession web = fixtures.signedIn(viewer);
		web.post("/workspaces/switch", "workspaceId", owner.workspaceId().toString());

		assertThat(web.get("/inbox/" + replied.threadId()).getResponse().getContentAsString())
			.contains("Yes, tell me more.")
			.doesNotContain("Send reply");
		web.post("/inbox/" + replied.threadId() + "/label", "label", "interested");
		web.post("/inbox/" + replied.threadId() + "/reply", "text", "A viewer's reply.");
		web.post("/inbox/" + replied.threadId() + "/unread");
		Inbox.Conversation after = inbox.conversation(owner.owner(), replied.threadId(), false);
		assertThat(after.label()).isNull();
		assertThat(after.entries()).hasSize(2);
		// Opening the conversation as a viewer did not mark it read for the team.
		assertThat(inbox.unread(owner.owner())).isEqualTo(1);

		Api reader = fixtures.api(owner, "inbox:read", "mailboxes:read", "campaigns:read");
		String thread = "/api/v1/inbox/threads/" + replied.threadId();
		assertThat(reader.patch(thread, "{\"read\": true}").status()).isEqualTo(403);
		assertThat(reader.post(thread + "/replies", "{\"text\": \"Hi\"}").status()).isEqualTo(403);
		assertThat(reader.post("/api/v1/inbox/mailboxes/" + replied.sender().mailbox().id() + "/sync", "{}").status())
			.isEqualTo(403);
		assertThat(inbox.unread(owner.owner())).isEqualTo(1);
	}

	@Test
	void theInboxPagesListLabelAndReply() throws Exception {
		Replied replied = replied("inbox-pages");
		WebSession web = fixtures.signedIn(replied.sender().account());

		String list = web.get("/inbox").getResponse().getContentAsString();
		assertThat(list).contains("Inbox (1)").contains(replied.ada()).contains("Quick question").contains("every 10s");
		String fragment = web
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/inbox?show=replies")
				.header("HX-Request", "true"))
			.getResponse()
			.getContentAsString();
		assertThat(fragment).contains("id=\"threads\"").doesNotContain("<html");

		String page = web.get("/inbox/" + replied.threadId()).getResponse().getContentAsString();
		assertThat(page).contains("Yes, tell me more.").contains("Sent by the campaign").contains("Send reply");
		web.post("/inbox/" + replied.threadId() + "/label", "label", "interested");
		assertThat(web.get("/inbox?label=interested").getResponse().getContentAsString()).contains(replied.ada());
		web.post("/inbox/" + replied.threadId() + "/reply", "text", "Sending the deck now.");
		assertThat(web.get("/inbox/" + replied.threadId()).getResponse().getContentAsString())
			.contains("You replied to")
			.contains("Sending the deck now.");
	}

	@Autowired
	com.penguinmails.audit.Privacy privacy;

	@Test
	void aContactsRepliesAreInTheirExportAndGoWithTheirErasure() throws Exception {
		Replied replied = replied("inbox-gdpr");
		Account account = replied.sender().account();
		UUID contact = fixtures.jdbc()
			.sql("SELECT id FROM contacts WHERE workspace_id = ? AND email = ?")
			.params(account.workspaceId(), replied.ada())
			.query(UUID.class)
			.single();
		inbox.reply(account.owner(), replied.threadId(), "Our answer, with their address in it.");

		Map<String, Object> export = privacy.export(account.owner(), contact, "203.0.113.9");
		assertThat(export.toString()).contains("Yes, tell me more.").contains("Our answer");

		privacy.erase(account.owner(), contact, "203.0.113.9");
		assertThat(fixtures.jdbc()
			.sql("SELECT count(*) FROM inbound_messages WHERE workspace_id = ? AND thread_id = ?")
			.params(account.workspaceId(), replied.threadId())
			.query(Long.class)
			.single()).isZero();
		assertThat(inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data()).isEmpty();
	}

}
