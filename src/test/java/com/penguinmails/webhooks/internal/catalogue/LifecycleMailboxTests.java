package com.penguinmails.webhooks.internal.catalogue;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.MailboxPaused;
import com.penguinmails.mailboxes.MailboxResumed;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.mailboxes.NewMailbox;
import com.penguinmails.mailboxes.Security;
import com.penguinmails.mailboxes.ServerSettings;
import com.penguinmails.support.Api;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.support.PublishedEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mailboxes' pauses: by a person through the API and by a guard through
 * {@link Mailboxes#pauseAutomatically}, each published once per change, and in the
 * catalogue with who paused it.
 */
@IntegrationTest
class LifecycleMailboxTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	ObjectMapper json;

	@Test
	void pausesAndResumesPublishOncePerChange() throws Exception {
		Account account = fixtures.verifiedAccount("lifecycle-mailbox");
		LifecycleLog log = new LifecycleLog(fixtures.jdbc(), json);
		log.subscribeAll(account.workspaceId());
		Mailbox sam = mailbox(account);
		String path = "/api/v1/mailboxes/" + sam.id();
		Api api = fixtures.api(account, "mailboxes:read", "mailboxes:write");
		try (PublishedEvents published = PublishedEvents.record(context)) {
			assertThat(api.post(path + "/pause", "").status()).isEqualTo(200);
			assertThat(api.post(path + "/pause", "").status()).as("already paused").isEqualTo(200);
			assertThat(api.post(path + "/resume", "").status()).isEqualTo(200);
			assertThat(api.post(path + "/resume", "").status()).as("not paused").isEqualTo(200);
			assertThat(mailboxes.pauseAutomatically(account.workspaceId(), sam.id(), "Spam complaints: 2 for 310 sent"))
				.isTrue();
			assertThat(mailboxes.pauseAutomatically(account.workspaceId(), sam.id(), "again")).isFalse();

			assertThat(published.stream(MailboxPaused.class)
				.filter(e -> e.mailboxId().equals(sam.id()))
				.map(MailboxPaused::automatic)).containsExactly(false, true);
			assertThat(published.stream(MailboxResumed.class).filter(e -> e.mailboxId().equals(sam.id())))
				.singleElement()
				.satisfies(e -> assertThat(e.email()).isEqualTo(sam.email()));
		}

		List<LifecycleLog.Stored> paused = log.await(account.workspaceId(), "mailbox.paused", 2);
		assertThat(paused).allSatisfy(event -> {
			assertThat(event.orderingKey()).isNull();
			assertThat(event.dedupeKey()).startsWith("mailbox.paused:" + sam.id() + ":");
			assertThat(event.data().get("mailbox").get("email").asText()).isEqualTo(sam.email());
		});
		assertThat(paused.stream().map(event -> event.data().get("paused_by").asText()))
			.containsExactlyInAnyOrder("person", "automatic");
		assertThat(paused.stream().map(event -> event.data().get("reason").asText()))
			.contains("Spam complaints: 2 for 310 sent");
		assertThat(
				log.await(account.workspaceId(), "mailbox.resumed", 1).get(0).data().get("mailbox").get("id").asText())
			.isEqualTo(sam.id().toString());
	}

	private Mailbox mailbox(Account account) {
		String email = "sam-" + UUID.randomUUID().toString().substring(0, 8) + "@lifecycle.test";
		return mailboxes.add(account.owner(),
				new NewMailbox(email, "Sam Sender", "generic",
						new ServerSettings("127.0.0.1", 2525, Security.NONE, email, "secret"),
						new ServerSettings("127.0.0.1", 143, Security.NONE, email, null), "", "", 30, 0, 0));
	}

}
