package com.penguinmails.inbound;

import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.WebSession;
import com.penguinmails.templates.Templates;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's pane and list after the work on their speed (issue 16): the list's counts
 * (one grouped read), "mark unread" from the pane staying in the two panes, the pane's
 * forms swapping the pane and their row (not the page), and a template inserted as text.
 */
@IntegrationTest
class InboxPaneActionsTests {

	static GreenMail mail = InboundFixtures.mail();

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Inbox inbox;

	@Autowired
	Templates templates;

	@Autowired
	Fixtures fixtures;

	record Replied(Sender sender, String ada, UUID threadId) {
	}

	Replied replied(String name, String... replies) throws Exception {
		Sender sender = setup.sender(name);
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, ada);
		String ours = setup.sentMessageId(campaign);
		for (String text : replies) {
			sender.user()
				.deliver(message(ada, sender.mailbox().email(), "Re: Quick question", text,
						Map.of("In-Reply-To", ours, "References", ours)));
		}
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());
		UUID threadId = inbox.threads(sender.account().owner(), Inbox.Filter.replies(), null, 50).data().get(0).id();
		return new Replied(sender, ada, threadId);
	}

	@Test
	void theListCountsEachConversationsMessagesAndUnreadOnes() throws Exception {
		Replied replied = replied("pane-counts", "Yes, tell me more.", "And one more thing.");
		Account account = replied.sender().account();
		Inbox.Thread thread = inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data().get(0);
		assertThat(thread.messages()).isEqualTo(2);
		assertThat(thread.unread()).isEqualTo(2);
		assertThat(inbox.unread(account.owner())).isEqualTo(1);

		inbox.conversation(account.owner(), replied.threadId(), true);
		thread = inbox.threads(account.owner(), Inbox.Filter.replies(), null, 50).data().get(0);
		assertThat(thread.messages()).isEqualTo(2);
		assertThat(thread.unread()).isZero();
		assertThat(inbox.unread(account.owner())).isZero();
		String page = fixtures.signedIn(account).get("/inbox").getResponse().getContentAsString();
		assertThat(page).contains("id=\"thread-" + replied.threadId() + "\"").contains(" (2)");
	}

	@Test
	void markUnreadFromThePaneOpensTheNextConversationOrKeepsTheList() throws Exception {
		Replied replied = replied("pane-unread", "Yes, tell me more.");
		Account account = replied.sender().account();
		UUID other = UUID.randomUUID();
		WebSession web = fixtures.signedIn(account);
		inbox.conversation(account.owner(), replied.threadId(), true);

		var next = web.post("/inbox/" + replied.threadId() + "/unread", "view", "pane", "next", other.toString());
		assertThat(next.getResponse().getRedirectedUrl()).isEqualTo("/inbox?open=" + other);
		assertThat(next.getFlashMap().get("notice")).isEqualTo("Marked unread.");
		assertThat(inbox.unread(account.owner())).isEqualTo(1);

		inbox.conversation(account.owner(), replied.threadId(), true);
		var list = web.post("/inbox/" + replied.threadId() + "/unread", "view", "pane", "next", "");
		assertThat(list.getResponse().getRedirectedUrl()).isEqualTo("/inbox");
		assertThat(inbox.unread(account.owner())).isEqualTo(1);
	}

	@Test
	void thePanesFormsSwapThePaneAndTheirRowNotThePage() throws Exception {
		Replied replied = replied("pane-swap", "Yes, tell me more.");
		WebSession web = fixtures.signedIn(replied.sender().account());
		String pane = web.get("/inbox/" + replied.threadId() + "/pane").getResponse().getContentAsString();
		assertThat(pane).contains("id=\"label-form\"")
			.contains("hx-target=\"#pane\"")
			.contains("hx-select=\"#pane &gt; *\"")
			.contains("hx-select-oob=\"#inbox-messages,#thread-" + replied.threadId() + "\"")
			.contains("id=\"unread-next\"");
		String full = web.get("/inbox/" + replied.threadId()).getResponse().getContentAsString();
		assertThat(full).contains("id=\"label-form\"").doesNotContain("hx-target=\"#pane\"");
		String page = web.get("/inbox?open=" + replied.threadId()).getResponse().getContentAsString();
		assertThat(page).contains("id=\"inbox-messages\"").contains("id=\"thread-" + replied.threadId() + "\"");
	}

	@Test
	void aTemplateWrittenInHtmlIsInsertedAsItsText() throws Exception {
		Replied replied = replied("pane-snippet", "Yes, tell me more.");
		Account account = replied.sender().account();
		templates.create(account.owner(), new Templates.Draft("Deck in HTML", "Deck", """
				<html><head><style>p { color: #333; }</style></head>
				<body><p>Thanks {{ first_name }},</p><p>here is <a href="https://example.com/deck">the deck</a>.</p>
				<ul><li>Slides</li><li>Prices</li></ul></body></html>""", null));
		String pane = fixtures.signedIn(account)
			.get("/inbox/" + replied.threadId() + "/pane")
			.getResponse()
			.getContentAsString();
		String option = pane.substring(0, pane.indexOf(">Deck in HTML</option>"));
		String text = option.substring(option.lastIndexOf("data-text=\"") + 11);
		text = text.substring(0, text.indexOf('"'));
		assertThat(text).isEqualTo(
				"Thanks {{ first_name }},\n\nhere is the deck (https://example.com/deck).\n\n- Slides\n- Prices");
	}

}
