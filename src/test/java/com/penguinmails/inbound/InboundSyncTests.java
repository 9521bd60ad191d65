package com.penguinmails.inbound;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.domains.Domains;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static com.penguinmails.inbound.InboundFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IMAP sync against GreenMail: only what is new is read, by UIDVALIDITY and UID; the
 * spam folder too; replies are matched to what we sent and stop the sequence; huge and
 * broken messages are kept, flagged, and never stop the sync.
 */
@IntegrationTest
class InboundSyncTests {

	static GreenMail mail = InboundFixtures.mail();

	@Autowired
	InboundFixtures setup;

	@Autowired
	InboundSync sync;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Campaigns campaigns;

	@Autowired
	Domains domains;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Contacts contacts;

	String enrolment(Campaign campaign) {
		fixtures.enrolmentEventsHandled();
		return fixtures.jdbc()
			.sql("SELECT state || ' ' || coalesce(stop_reason, '') FROM enrolments WHERE campaign_id = ?")
			.param(campaign.id())
			.query(String.class)
			.single();
	}

	List<Map<String, Object>> stored(InboundFixtures.Sender sender) {
		return fixtures.jdbc()
			.sql("SELECT * FROM inbound_messages WHERE mailbox_id = ? ORDER BY uid")
			.param(sender.mailbox().id())
			.query()
			.listOfRows();
	}

	@Test
	void aReplyByInReplyToStopsTheSequenceAndCountsForTheCampaign() throws Exception {
		InboundFixtures.Sender sender = setup.sender("inbound-reply");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, ada);
		String ours = setup.sentMessageId(campaign);

		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "Re: Quick question", "Sounds good, call me Tuesday.",
					Map.of("In-Reply-To", ours, "References", ours)));
		InboundSync.Result result = sync.sync(sender.account().workspaceId(), sender.mailbox().id());

		assertThat(result.error()).isNull();
		assertThat(result.stored()).isEqualTo(1);
		Map<String, Object> reply = stored(sender).get(0);
		assertThat(reply.get("kind")).isEqualTo("reply");
		assertThat(reply.get("campaign_id")).isEqualTo(campaign.id());
		assertThat(reply.get("from_address")).isEqualTo(ada);
		assertThat((String) reply.get("text_body")).contains("call me Tuesday");
		assertThat(enrolment(campaign)).isEqualTo("stopped replied");
		assertThat(fixtures.jdbc()
			.sql("SELECT replied FROM campaign_engagements WHERE campaign_id = ?")
			.param(campaign.id())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aReplyWithoutThreadingHeadersIsMatchedBySenderAndSubject() throws Exception {
		InboundFixtures.Sender sender = setup.sender("inbound-fallback");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, ada);

		sender.user()
			.deliver(message(ada, sender.mailbox().email(), "AW: RE: Quick question", "Interested.", Map.of()));
		sender.user().deliver(message(ada, sender.mailbox().email(), "Another topic", "Unrelated.", Map.of()));
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());

		assertThat(stored(sender)).extracting(row -> row.get("kind")).containsExactly("reply", "other");
		assertThat(enrolment(campaign)).isEqualTo("stopped replied");
	}

	@Test
	void onlyNewMessagesAreReadAndARenumberedFolderCountsNothingTwice() throws Exception {
		InboundFixtures.Sender sender = setup.sender("inbound-incremental");
		UUID workspace = sender.account().workspaceId();
		for (int i = 0; i < 3; i++) {
			sender.user()
				.deliver(message("someone@else.test", sender.mailbox().email(), "Note " + i, "Body", Map.of()));
		}
		assertThat(sync.sync(workspace, sender.mailbox().id()).stored()).isEqualTo(3);
		assertThat(sync.sync(workspace, sender.mailbox().id()).stored()).isZero();

		sender.user().deliver(message("someone@else.test", sender.mailbox().email(), "Note 3", "Body", Map.of()));
		assertThat(sync.sync(workspace, sender.mailbox().id()).stored()).isEqualTo(1);
		assertThat(fixtures.jdbc()
			.sql("SELECT last_uid FROM inbound_folders WHERE mailbox_id = ? AND folder = 'INBOX'")
			.param(sender.mailbox().id())
			.query(Long.class)
			.single()).isEqualTo((Long) stored(sender).get(3).get("uid"));

		// As if the server had renumbered INBOX: everything is read again, nothing stored
		// twice.
		fixtures.jdbc()
			.sql("UPDATE inbound_folders SET uidvalidity = 1 WHERE mailbox_id = ?")
			.param(sender.mailbox().id())
			.update();
		assertThat(sync.sync(workspace, sender.mailbox().id()).stored()).isZero();
		assertThat(stored(sender)).hasSize(4);
	}

	@Test
	void aMessageWithAnUnreadableDateOrFromIsDatedByItsInternalDate() throws Exception {
		InboundFixtures.Sender sender = setup.sender("inbound-internaldate");
		java.time.Instant arrived = java.time.Instant.parse("2024-03-01T08:30:00Z");
		// Appended over IMAP with an INTERNALDATE of its own (RFC 3501 §6.3.11).
		jakarta.mail.Session session = jakarta.mail.Session.getInstance(new java.util.Properties());
		jakarta.mail.internet.MimeMessage broken = new jakarta.mail.internet.MimeMessage(session,
				new java.io.ByteArrayInputStream(("From: \"unclosed <nobody@@\r\nDate: the day after tomorrow\r\n"
						+ "Subject: garbled\r\nMessage-ID: <garbled-1@client.test>\r\n\r\nbody\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
			@Override
			public java.util.Date getReceivedDate() {
				return java.util.Date.from(arrived);
			}
		};
		try (jakarta.mail.Store store = session.getStore("imap")) {
			store.connect("127.0.0.1", InboundFixtures.mail().getImap().getPort(), sender.mailbox().email(), "secret");
			jakarta.mail.Folder inbox = store.getFolder("INBOX");
			inbox.appendMessages(new jakarta.mail.Message[] { broken });
		}
		sync.sync(sender.account().workspaceId(), sender.mailbox().id());

		java.sql.Timestamp receivedAt = fixtures.jdbc()
			.sql("SELECT received_at FROM inbound_messages WHERE mailbox_id = ?")
			.param(sender.mailbox().id())
			.query(java.sql.Timestamp.class)
			.single();
		assertThat(receivedAt.toInstant()).isEqualTo(arrived);
	}

	@Test
	void theSpamFolderIsSyncedToo() throws Exception {
		InboundFixtures.Sender sender = setup.sender("inbound-spam");
		String ada = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@client.test";
		Campaign campaign = setup.sendTo(sender, ada);
		String ours = setup.sentMessageId(campaign);
		try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
			store.connect("127.0.0.1", mail.getImap().getPort(), sender.mailbox().email(), "secret");
			Folder spam = store.getFolder("Spam");
			spam.create(Folder.HOLDS_MESSAGES);
			spam.appendMessages(new Message[] { message(ada, sender.mailbox().email(), "Re: Quick question",
					"Caught by the filter, but a reply all the same.", Map.of("In-Reply-To", ours)) });
		}
		InboundSync.Result result = sync.sync(sender.account().workspaceId(), sender.mailbox().id());

		assertThat(result.folders()).containsExactly("INBOX", "Spam");
		assertThat(stored(sender)).singleElement().satisfies(row -> {
			assertThat(row.get("folder")).isEqualTo("Spam");
			assertThat(row.get("kind")).isEqualTo("reply");
		});
		assertThat(enrolment(campaign)).isEqualTo("stopped replied");
	}

	@Test
	void hugeAndBrokenMessagesAreKeptFlaggedAndTheSyncGoesOn() throws Exception {
		InboundFixtures.Sender sender = setup.sender("inbound-broken");
		UUID workspace = sender.account().workspaceId();
		byte[] broken = ("From: =?x-unknown?B?broken?= <odd@else.test>\r\nTo: " + sender.mailbox().email()
				+ "\r\nSubject: half a message\r\nMessage-ID: <broken-" + UUID.randomUUID()
				+ "@else.test>\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/mixed; boundary=\"never-closed\"\r\n\r\n--never-closed\r\n"
				+ "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nsome text, then the end of the file")
			.getBytes(StandardCharsets.ISO_8859_1);
		sender.user().deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(broken)));
		// Over the 25 MB limit: stored by its headers only.
		MimeMessage huge = message("big@else.test", sender.mailbox().email(), "A big attachment",
				"x".repeat(26 * 1024 * 1024), Map.of());
		sender.user().deliver(huge);
		sender.user().deliver(message("fine@else.test", sender.mailbox().email(), "Fine", "All good.", Map.of()));

		InboundSync.Result result = sync.sync(workspace, sender.mailbox().id());

		assertThat(result.error()).isNull();
		assertThat(result.stored()).isEqualTo(3);
		List<Map<String, Object>> rows = stored(sender);
		assertThat(rows.get(0).get("subject")).isEqualTo("half a message");
		assertThat((String) rows.get(0).get("flags")).isNotEmpty();
		assertThat((String) rows.get(1).get("flags")).contains("too_large");
		assertThat(rows.get(1).get("subject")).isEqualTo("A big attachment");
		assertThat(rows.get(1).get("raw")).isNull();
		assertThat(rows.get(2).get("flags")).isEqualTo("");
		assertThat((String) rows.get(2).get("text_body")).contains("All good.");
	}

	@Test
	void aMailboxWhoseServerRefusesTheLoginIsRetriedLaterWithItsError() throws Exception {
		InboundFixtures.Sender sender = setup.sender("inbound-refused");
		UUID workspace = sender.account().workspaceId();
		mail.getUserManager().getUserByEmail(sender.mailbox().email()).setPassword("changed");
		String state = "SELECT failures || ' ' || (last_error IS NOT NULL) || ' ' || (next_sync_at > now()) "
				+ "FROM inbound_mailboxes WHERE mailbox_id = ?";

		assertThat(sync.sync(workspace, sender.mailbox().id()).error()).isNotBlank();
		assertThat(fixtures.jdbc().sql(state).param(sender.mailbox().id()).query(String.class).single())
			.isEqualTo("1 true true");
		assertThat(sync.sync(workspace, sender.mailbox().id()).error()).isNotBlank();
		assertThat(fixtures.jdbc().sql(state).param(sender.mailbox().id()).query(String.class).single())
			.isEqualTo("2 true true");
		assertThat(sync.statuses(sender.account().owner())).singleElement()
			.satisfies(status -> assertThat(status.lastError()).isNotBlank());

		// Fixed: the next sync clears the error.
		mail.getUserManager().getUserByEmail(sender.mailbox().email()).setPassword("secret");
		assertThat(sync.sync(workspace, sender.mailbox().id()).error()).isNull();
		assertThat(fixtures.jdbc().sql(state).param(sender.mailbox().id()).query(String.class).single())
			.isEqualTo("0 false true");
	}

}
