package com.penguinmails.warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.campaigns.Campaign;
import com.penguinmails.inbound.InboundFixtures;
import com.penguinmails.inbound.InboundFixtures.Sender;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.support.Api;
import com.penguinmails.support.Dovecot;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.warmup.ReceivingFixtures.PoolMailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Placement tests: copies are sent over the sending mailbox's SMTP, found over each
 * seed's IMAP (inbox, a Junk folder, deleted), filed into "Warmup", and reported per seed
 * and per provider — on GreenMail (the test moves copies itself) and on Dovecot, whose
 * Sieve files a copy into Junk as a provider's spam filter would.
 */
@IntegrationTest
class PlacementTestsTests {

	@Autowired
	PlacementTests tests;

	@Autowired
	InboundFixtures inbound;

	@Autowired
	PlacementFixtures placement;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReceivingFixtures receiving;

	@Test
	void reportsInboxSpamAndMissingPerSeedAndProviderAndFilesTheCopies() throws Exception {
		Sender sender = inbound.sender("placement");
		Mailbox poolSeed = placement.mailbox(sender, "pool-seed");
		Mailbox inboxSeed = placement.mailbox(sender, "inbox-seed");
		Mailbox deletedSeed = placement.mailbox(sender, "deleted-seed");
		WarmupTestData.enable(fixtures.jdbc(), sender.account().workspaceId(), poolSeed.id());
		Campaign campaign = placement.campaign(sender);
		String outside = "seed-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.test";

		Api api = fixtures.api(sender.account(), "warmup:read", "warmup:write");
		Api.Response created = api.post("/api/v1/warmup/placement-tests", """
				{"campaignId": "%s", "step": 1, "mailboxId": "%s", "seeds": ["pool", "%s", "%s", "%s"]}"""
			.formatted(campaign.id(), sender.mailbox().id(), inboxSeed.email(), deletedSeed.email(), outside));
		assertThat(created.status()).isEqualTo(201);
		UUID testId = UUID.fromString(created.body().path("id").asText());
		assertThat(created.body().path("subject").asText()).startsWith("Quick question for ");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> PlacementFixtures.count(poolSeed.email(), "INBOX") == 1
					&& PlacementFixtures.count(inboxSeed.email(), "INBOX") == 1
					&& PlacementFixtures.count(deletedSeed.email(), "INBOX") == 1);

		// GreenMail runs no spam filter: the test files one copy into Junk and deletes
		// another.
		moveToJunk(poolSeed.email());
		delete(deletedSeed.email());

		Instant sent = Instant.now();
		PlacementTest checked = tests.check(testId, sent.plusSeconds(60)).orElseThrow();
		assertThat(checked.seeds()).extracting(PlacementTest.Seed::address, PlacementTest.Seed::status)
			.contains(org.assertj.core.groups.Tuple.tuple(poolSeed.email(), "Spam"),
					org.assertj.core.groups.Tuple.tuple(inboxSeed.email(), "Inbox"),
					org.assertj.core.groups.Tuple.tuple(deletedSeed.email(), "Looking for it"),
					org.assertj.core.groups.Tuple.tuple(outside, "Sent, not checkable"));
		assertThat(checked.pending()).isTrue();
		// Found copies are filed out of the inbox and the spam folder.
		assertThat(PlacementFixtures.count(inboxSeed.email(), "INBOX")).isZero();
		assertThat(PlacementFixtures.count(inboxSeed.email(), "Warmup")).isEqualTo(1);
		assertThat(PlacementFixtures.count(poolSeed.email(), "Junk")).isZero();
		assertThat(PlacementFixtures.count(poolSeed.email(), "Warmup")).isEqualTo(1);

		PlacementTest done = tests.check(testId, sent.plus(PlacementTests.PATIENCE).plusSeconds(60)).orElseThrow();
		assertThat(done.seeds()).filteredOn(s -> s.address().equals(deletedSeed.email()))
			.extracting(PlacementTest.Seed::placement)
			.containsExactly(Placement.MISSING);
		assertThat(done.pending()).isFalse();
		assertThat(done.providers()).containsExactly(new PlacementTest.Provider("127.0.0.1", 3, 1, 1, 0, 1, 0, 0),
				new PlacementTest.Provider("elsewhere.test", 1, 0, 0, 0, 0, 0, 1));

		Api.Response read = api.get("/api/v1/warmup/placement-tests/" + testId);
		assertThat(read.body().path("providers").get(0).path("spam").asInt()).isEqualTo(1);
		assertThat(read.body().path("seeds").findValuesAsText("placement")).contains("inbox", "spam", "missing");
	}

	@Test
	void onDovecotACopyTheSpamFilterFiledIsReportedAsSpam() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		Account account = fixtures.verifiedAccount("placement-dovecot");
		PoolMailbox from = receiving.onDovecot(account, "sales-" + suffix + "@send-" + suffix + ".test");
		PoolMailbox kept = receiving.onDovecot(account, "kept-" + suffix + "@seed-" + suffix + ".test");
		PoolMailbox filtered = receiving.onDovecot(account, "filtered-" + suffix + "@seed-" + suffix + ".test");
		Dovecot.get()
			.sieve(filtered.email(),
					"require \"fileinto\";\nif address :is \"from\" \"" + from.email() + "\" { fileinto \"Junk\"; }\n");
		Campaign campaign = placement.campaign(new Sender(account, from.mailbox(), null));

		PlacementTest test = tests.create(account.owner(), new PlacementTests.NewPlacementTest(campaign.id(), 1, null,
				from.id(), List.of(kept.email(), filtered.email())), Instant.now());
		PlacementTest checked = tests.check(test.id(), Instant.now().plusSeconds(60)).orElseThrow();

		assertThat(checked.seeds()).extracting(PlacementTest.Seed::address, PlacementTest.Seed::placement)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(kept.email(), Placement.INBOX),
					org.assertj.core.groups.Tuple.tuple(filtered.email(), Placement.SPAM));
		assertThat(checked.pending()).isFalse();
		for (PoolMailbox seed : List.of(kept, filtered)) {
			assertThat(Dovecot.get().folder(seed.email(), "INBOX")).isEmpty();
			assertThat(Dovecot.get().folder(seed.email(), "Junk")).isEmpty();
			assertThat(Dovecot.get().folder(seed.email(), "Warmup")).extracting(Dovecot.Stored::subject)
				.containsExactly(checked.subject());
		}
	}

	@Test
	void aCopyIsRecognisedByItsTestHeaderOrMessageIdNeverByAnUnknownOne() throws Exception {
		Sender sender = inbound.sender("placement-known");
		Mailbox seed = placement.mailbox(sender, "seed");
		Campaign campaign = placement.campaign(sender);
		PlacementTest test = tests.create(sender.account().owner(), new PlacementTests.NewPlacementTest(campaign.id(),
				1, null, sender.mailbox().id(), List.of(seed.email())), Instant.now());
		await().atMost(Duration.ofSeconds(10)).until(() -> PlacementFixtures.count(seed.email(), "INBOX") == 1);
		try (Store store = PlacementFixtures.imap(seed.email())) {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_ONLY);
			jakarta.mail.internet.MimeMessage copy = (jakarta.mail.internet.MimeMessage) inbox.getMessage(1);
			assertThat(copy.getHeader(PlacementTests.HEADER, null)).isEqualTo(test.id().toString());
			assertThat(copy.getHeader("List-Unsubscribe")).isNull();
			assertThat(tests.isPlacementMessage(copy)).isTrue();
		}
		assertThat(tests.isPlacementMessage(InboundFixtures.message("a@b.test", "c@d.test", "Hi", "Hello",
				Map.of(PlacementTests.HEADER, UUID.randomUUID().toString()))))
			.isFalse();
	}

	@Test
	void badRequestsAre400ProblemsAndAnotherWorkspacesTestIsNotFound() throws Exception {
		Sender sender = inbound.sender("placement-bad");
		Campaign campaign = placement.campaign(sender);
		Api api = fixtures.api(sender.account(), "warmup:read", "warmup:write");
		String body = """
				{"campaignId": "%s", "step": %d, "mailboxId": "%s", "seeds": %s}""";
		UUID mailbox = sender.mailbox().id();
		assertProblem(api.post("/api/v1/warmup/placement-tests",
				body.formatted(UUID.randomUUID(), 1, mailbox, "[\"a@b.test\"]")), "unknown-campaign");
		assertProblem(
				api.post("/api/v1/warmup/placement-tests", body.formatted(campaign.id(), 5, mailbox, "[\"a@b.test\"]")),
				"unknown-step");
		assertProblem(api.post("/api/v1/warmup/placement-tests", body.formatted(campaign.id(), 1, mailbox, "[]")),
				"no-seeds");
		String many = IntStream.range(0, 51)
			.mapToObj(i -> "\"seed" + i + "@b.test\"")
			.reduce((a, b) -> a + "," + b)
			.orElseThrow();
		assertProblem(
				api.post("/api/v1/warmup/placement-tests", body.formatted(campaign.id(), 1, mailbox, "[" + many + "]")),
				"too-many-seeds");
		assertProblem(api.post("/api/v1/warmup/placement-tests",
				body.formatted(campaign.id(), 1, mailbox, "[\"not an address\"]")), "invalid-seed");

		Api.Response created = api.post("/api/v1/warmup/placement-tests",
				body.formatted(campaign.id(), 1, mailbox, "[\"x@elsewhere.test\"]"));
		assertThat(created.status()).isEqualTo(201);
		Sender stranger = inbound.sender("placement-stranger");
		Api theirs = fixtures.api(stranger.account(), "warmup:read", "warmup:write");
		assertThat(theirs.get("/api/v1/warmup/placement-tests/" + created.body().path("id").asText()).status())
			.isEqualTo(404);
		assertThat(theirs.post("/api/v1/warmup/placement-tests/" + created.body().path("id").asText() + "/check", "")
			.status()).isEqualTo(404);
		assertProblem(
				theirs.post("/api/v1/warmup/placement-tests",
						body.formatted(campaign.id(), 1, stranger.mailbox().id(), "[\"a@b.test\"]")),
				"unknown-campaign");
	}

	@Test
	void theHistoryIsNewestFirstAndPagedByCursor() throws Exception {
		Sender sender = inbound.sender("placement-history");
		Campaign campaign = placement.campaign(sender);
		Instant now = Instant.now();
		UUID first = tests
			.create(sender.account().owner(),
					new PlacementTests.NewPlacementTest(campaign.id(), 1, null, sender.mailbox().id(),
							List.of("one@elsewhere.test")),
					now)
			.id();
		UUID second = tests
			.create(sender.account().owner(),
					new PlacementTests.NewPlacementTest(campaign.id(), 1, null, sender.mailbox().id(),
							List.of("two@elsewhere.test")),
					now.plusSeconds(5))
			.id();
		Api api = fixtures.api(sender.account(), "warmup:read", "warmup:write");
		Api.Response page = api.get("/api/v1/warmup/placement-tests", "limit", "1");
		assertThat(page.body().path("data").get(0).path("id").asText()).isEqualTo(second.toString());
		Api.Response next = api.get("/api/v1/warmup/placement-tests", "limit", "1", "cursor",
				page.body().path("nextCursor").asText());
		assertThat(next.body().path("data").get(0).path("id").asText()).isEqualTo(first.toString());
	}

	@Test
	void thePageFormWithoutSeedsSaysWhyAndSendsNothing() throws Exception {
		Sender sender = inbound.sender("placement-form");
		Campaign campaign = placement.campaign(sender);
		com.penguinmails.support.WebSession session = fixtures.signedIn(sender.account());
		var result = session.post("/warmup/placement", "step", campaign.id() + "/1", "mailboxId",
				sender.mailbox().id().toString(), "addresses", " ");
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/warmup/placement");
		assertThat(result.getFlashMap().get("error")).isEqualTo("Choose the pool and/or add seed addresses.");
		assertThat(tests.list(sender.account().owner(), null, 10).data()).isEmpty();
		var bad = session.post("/warmup/placement", "step", "not-a-step", "mailboxId",
				sender.mailbox().id().toString());
		assertThat(bad.getFlashMap().get("error")).isEqualTo("Choose a campaign step to test.");
		// A refused test shows the form again as it was typed: seeds, step and pool.
		var typo = session.post("/warmup/placement", "step", campaign.id() + "/1", "mailboxId",
				sender.mailbox().id().toString(), "addresses", "ok@seed.test, not-an-address");
		assertThat(typo.getFlashMap().get("error")).asString().contains("not-an-address");
		String page = session
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/warmup/placement")
				.flashAttrs(typo.getFlashMap()))
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(">ok@seed.test, not-an-address</textarea>")
			.containsPattern("value=\"" + campaign.id() + "/1\"\\s+selected")
			.doesNotContainPattern("id=\"placement-pool\"\\s+checked");
		assertThat(session.get("/warmup/placement").getResponse().getContentAsString())
			.containsPattern("id=\"placement-pool\"\\s+checked");
	}

	private static void assertProblem(Api.Response response, String type) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.raw().getContentType()).startsWith("application/problem+json");
		assertThat(response.body().path("type").asText()).endsWith(type);
	}

	private static void moveToJunk(String email) throws Exception {
		try (Store store = PlacementFixtures.imap(email)) {
			Folder junk = store.getFolder("Junk");
			if (!junk.exists()) {
				junk.create(Folder.HOLDS_MESSAGES);
			}
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_WRITE);
			Message[] all = inbox.getMessages();
			inbox.copyMessages(all, junk);
			for (Message m : all) {
				m.setFlag(Flags.Flag.DELETED, true);
			}
			inbox.close(true);
		}
	}

	private static void delete(String email) throws Exception {
		try (Store store = PlacementFixtures.imap(email)) {
			Folder inbox = store.getFolder("INBOX");
			inbox.open(Folder.READ_WRITE);
			for (Message m : inbox.getMessages()) {
				m.setFlag(Flags.Flag.DELETED, true);
			}
			inbox.close(true);
		}
	}

}
